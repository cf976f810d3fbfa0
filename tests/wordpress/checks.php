<?php
// Shared by both WordPress harnesses (lib.php for the plugin's pages,
// admin-lib.php for the wp-admin screens): the checks that print "ok"/"not ok"
// and the driver's last line, a failure's page excerpt, and the forms of a page
// read as a browser submits them.
declare(strict_types=1);

$GLOBALS['pt_counts'] = ['passed' => 0, 'failed' => 0, 'skipped' => 0];

function pt_check(string $what, bool $ok, string $detail = ''): bool
{
    $GLOBALS['pt_counts'][$ok ? 'passed' : 'failed']++;
    echo ($ok ? 'ok' : 'not ok') . " - $what" . ($ok || $detail === '' ? '' : "\n    " . str_replace("\n", "\n    ", $detail)) . "\n";
    return $ok;
}

function pt_skip(string $what, string $why): void
{
    $GLOBALS['pt_counts']['skipped']++;
    echo "skip - $what ($why)\n";
}

/** The last line the driver reads: N passed, N failed (skipped ones named apart). */
function pt_done(): void
{
    $c = $GLOBALS['pt_counts'];
    echo "{$c['passed']} passed, {$c['failed']} failed" . ($c['skipped'] ? ", {$c['skipped']} skipped" : '') . "\n";
    exit($c['failed'] ? 1 : 0);
}

/** A short excerpt of a page for a failure's detail (from an admin screen's main part when there is one). */
function pt_excerpt(string $html, int $len = 700): string
{
    $at = strpos($html, '<div class="wrap');
    $html = $at !== false ? substr($html, $at) : $html;
    return (string) iconv_substr(trim((string) preg_replace("/\\s+/u", " ", $html)), 0, $len, "UTF-8");
}

/** An attribute of a start tag, either quote, entities decoded; null when absent. */
function pt_attr(string $tag, string $name): ?string
{
    return preg_match('/\s' . $name . '=(?:"([^"]*)"|\'([^\']*)\')/', $tag, $m)
        ? html_entity_decode($m[1] !== '' ? $m[1] : ($m[2] ?? ''), ENT_QUOTES | ENT_HTML5, 'UTF-8') : null;
}

/**
 * Every form of $html with the fields a browser would send (no button
 * pressed): a select's selected option (else its first), checked boxes and
 * radios only, no submit inputs.
 *
 * @return list<array{open:string, action:string, fields:array<string,string>}>
 */
function pt_page_forms(string $html): array
{
    $out = [];
    preg_match_all('#(<form\b[^>]*>)(.*?)</form>#s', $html, $forms, PREG_SET_ORDER);
    foreach ($forms as [, $open, $inner]) {
        $fields = [];
        preg_match_all('#<input\b[^>]*>|<textarea\b[^>]*>(.*?)</textarea>|<select\b[^>]*>(.*?)</select>#s', $inner, $els, PREG_SET_ORDER);
        foreach ($els as $el) {
            $tag = $el[0];
            $name = pt_attr($tag, 'name');
            if ($name === null) {
                continue;
            }
            if (str_starts_with($tag, '<textarea')) {
                $fields[$name] = html_entity_decode($el[1], ENT_QUOTES | ENT_HTML5, 'UTF-8');
            } elseif (str_starts_with($tag, '<select')) {
                if (preg_match('#<option\b[^>]*\sselected[^>]*>(.*?)</option>#s', $el[2], $o) || preg_match('#<option\b[^>]*>(.*?)</option>#s', $el[2], $o)) {
                    $start = (string) strstr($o[0], '>', true);
                    $fields[$name] = pt_attr($start, 'value') ?? html_entity_decode(trim(strip_tags($o[1])), ENT_QUOTES | ENT_HTML5, 'UTF-8');
                } else {
                    $fields[$name] = '';
                }
            } elseif (in_array(pt_attr($tag, 'type'), ['submit', 'button'], true)) {
                continue;
            } elseif (!in_array(pt_attr($tag, 'type'), ['checkbox', 'radio'], true) || preg_match('/\schecked\b/', $tag)) {
                $fields[$name] = (string) pt_attr($tag, 'value');
            }
        }
        $out[] = ['open' => $open, 'action' => (string) pt_attr($open, 'action'), 'fields' => $fields];
    }
    return $out;
}
