<?php
/*
 * Shared by bench/threads.php and bench/threads_concurrent.php: the site
 * (one role that may comment, no rate limit, five moderation rules: phone,
 * e-mail and CURP redaction, a hold and a reject rule) and the comment every
 * posting side sends (a phone number and an e-mail address to redact).
 */

const THREADS_BENCH_BODY = 'Vecinos de la calle 5: la luminaria lleva dos semanas apagada; llamen al 55 1234 5678 '
    . 'o escriban a vecinos@example.com para organizarnos.';

function threads_bench_yaml(): string
{
    return <<<'YAML'
territories:
  - { id: iztapalapa, name: Iztapalapa }
roles:
  ciudadano: { can: [comment, react, flag] }
threads:
  max_depth: 4
  max_length: 2000
  rate_limit: none
  page_replies: 3
moderation:
  rules:
    - { name: telefono, preset: telefono_mx, action: redact }
    - { name: correo, preset: correo, action: redact }
    - { name: curp, preset: curp, action: redact }
    - { name: insultos, pattern: '(?i)\b(?:idiota|imbécil)\b', action: hold }
    - { name: publicidad, pattern: '(?i)compra ya', action: reject }
YAML;
}
