<?php
// participa's PHP-level API fuzzer (driven by scripts/fuzz-api).
//
// Calls every public method of every Participa\ class, found by reflection,
// with generated arguments: values of the declared type most of the time
// (known ids from the site's YAML, hostile strings, extreme numbers, nested
// and self-referencing arrays, references), anything at all the rest. It also
// clones, serialises, dumps and compares the objects, builds them without
// their constructor, and keeps using them after their Site is gone.
//
// Any Throwable is an acceptable answer; what must never happen is a crash,
// a hang, a memory error (run it under valgrind) or a leak. Every call is
// written to the journal before it is made, so after a crash the journal's
// last line is the call that crashed.
//
//   php -d extension=modules/participa.so scripts/lib/fuzz_api.php CONFIG SEED CALLS JOURNAL
//
// CONFIG is a site YAML whose database exists (scripts/fuzz-api writes it).

declare(strict_types=0);

[$self, $config, $seed, $calls, $journalPath] = $argv + [null, null, '1', '2000', 'php://stderr'];
mt_srand((int) $seed);
// Warnings and notices are answers too (a refused path, say); only crashes count.
set_error_handler(fn() => true);
$journal = fopen($journalPath, 'w');
// Paths the fuzzer may write: only its own folder (open_basedir is set too).
if (function_exists('posix_mkfifo')) { @posix_mkfifo(getenv('TMPDIR') . '/fifo', 0600); }

function pick(array $a) { return $a[mt_rand(0, count($a) - 1)]; }
function chance(int $percent): bool { return mt_rand(1, 100) <= $percent; }

function describe($v, int $depth = 0): string
{
    if (is_string($v)) {
        return strlen($v) > 60 ? sprintf('str(%d:%s...)', strlen($v), bin2hex(substr($v, 0, 12))) : var_export($v, true);
    }
    if (is_array($v)) {
        if ($depth > 2) return '[...]';
        $parts = [];
        foreach (array_slice($v, 0, 6, true) as $k => $x) $parts[] = describe($k) . '=>' . describe($x, $depth + 1);
        return '[' . implode(',', $parts) . (count($v) > 6 ? ',...(' . count($v) . ')' : '') . ']';
    }
    if (is_object($v)) return 'object(' . get_class($v) . ')';
    if (is_float($v)) return is_nan($v) ? 'NAN' : (is_infinite($v) ? ($v > 0 ? 'INF' : '-INF') : (string) $v);
    return var_export($v, true);
}

// --- what the site knows: ids that reach past the first checks -------------
$site = Participa\Site::open($config);
$site->migrate();
$info = $site->info();
$known = ['wp:1', 'wp:2', 'wp:7', 'admin', 'iztapalapa', 'commitment', 'process', 'post', 'assembly', 'PAL-07'];
foreach ($site->territories() as $t) { if (isset($t['id'])) $known[] = $t['id']; }
foreach ($site->roles() as $k => $r) { $known[] = is_string($k) ? $k : ($r['id'] ?? 'x'); }
$processIds = [];
foreach (($info['processes'] ?? []) as $k => $p) { $processIds[] = is_string($k) ? $k : ($p['id'] ?? 'x'); }
$known = array_merge($known, $processIds);
$known = array_merge($known, ['fz-cuestionario', 'fz-mapeo', 'r1', 'r2', 'n1', 's1', 's2', 'd1', 'san-miguel-teotongo']);
$methods = ['plurality', 'approval', 'borda', 'schulze', 'ranked_pairs', 'copeland', 'irv', 'stv', 'meek_stv',
    'majority', 'majority_judgment', 'score', 'consensus', 'pb_greedy', 'pb_equal_shares', 'nope'];

function hostile_string(): string
{
    global $known, $methods;
    switch (mt_rand(0, 24)) {
        case 0: return '';
        case 1: return "\0";
        case 2: return "wp:1\0x";
        case 3: return "\xff\xfe\xfd";
        case 4: return "\xc3";                        // truncated UTF-8
        case 5: return "\xed\xa0\x80";                // surrogate
        case 6: return str_repeat('a', pick([191, 192, 1000, 65536, 1 << 20]));
        case 7: return pick($known) . pick([' ', "\t", "\xc2\xa0", "\xe2\x80\x8b", "\n"]);
        case 8: return "'; DROP TABLE participa_comments; -- ";
        case 9: return '{{#a}}{{> p}}{{/a}}{{{x}}}{{&y}}{{=<% %>=}}';
        case 10: return '<script>alert(1)</script>"\'><img src=x onerror=alert(1)>';
        case 11: return 'javascript:alert(1)';
        case 12: return 'ñandú ' . str_repeat('é', mt_rand(0, 50));
        case 13: return (string) mt_rand(PHP_INT_MIN, PHP_INT_MAX);
        case 14: return pick(['NaN', 'INF', '-0', '1e309', '0x1A', '007']);
        case 15: return str_repeat('(a+)+', mt_rand(1, 30)) . 'b';
        case 16: return pick($methods);
        case 17: return "id,parent,plan,title\n" . str_repeat("x,y,z,t\n", mt_rand(0, 50));
        case 18: return '{"id":"PAL-01","title":"t","milestones":[{"done":"yes"}]}';
        case 19: return pick([getenv('TMPDIR') . '/out.pb', getenv('TMPDIR') . '/fifo', getenv('TMPDIR'), '/dev/null', '/etc/passwd', '/', '/proc/self/mem', 'php://memory', 'file:///etc/hostname', '../../etc/passwd']);
        case 20: return str_repeat("\u{FF20}", 10) . '044' . '5512345678';
        case 21: return base64_encode(random_bytes(mt_rand(1, 40)));
        case 22: return 'A>B>C=' . str_repeat('D', mt_rand(0, 5));
        default: return pick($known);
    }
}

function hostile_int(): int
{
    return pick([0, 1, -1, 2, 7, 100, PHP_INT_MAX, PHP_INT_MIN, 2147483647, 2147483648, -2147483649, 4294967296,
        mt_rand(-1000, 1000), mt_rand()]);
}

function hostile_float(): float
{
    return pick([NAN, INF, -INF, -0.0, 0.0, 1e308, -1e308, 5e-324, 0.5, 1.0, 1.0000001, 100.0]);
}

function hostile_array(int $depth = 0): array
{
    global $known;
    switch (mt_rand(0, 14)) {
        case 0: return [];
        case 1: // ballots
            $b = [];
            for ($i = mt_rand(0, 20); $i > 0; $i--) {
                $b[] = chance(50) ? array_slice(array_merge($known, ['A', 'B', 'C']), mt_rand(0, 5), mt_rand(0, 4)) : hostile_value($depth + 1);
            }
            return $b;
        case 2: // options-like
            $o = [];
            foreach (['limit', 'sort', 'parent', 'cursor', 'seats', 'budget', 'threshold', 'quorum', 'candidates',
                'viewer', 'idempotency_key', 'alignment', 'full', 'format', 'territory', 'status', 'progress',
                'id', 'plan', 'title', 'cost', 'costs', 'weights', 'tie_break', 'completion', 'evidence', 'url',
                'date', 'attendance', 'agreements', 'body', 'milestones', 'parent_id', 'as_of'] as $k) {
                if (chance(25)) $o[$k] = hostile_value($depth + 1);
            }
            return $o;
        case 3: // self-reference
            $a = [1, 2];
            $a[] = &$a;
            return $a;
        case 4: // references into an array
            $x = hostile_value($depth + 1);
            return ['parent' => &$x, 'limit' => &$x, 0 => &$x];
        case 5: // deep nesting
            $a = [];
            for ($i = mt_rand(1, 300); $i > 0; $i--) $a = [$a];
            return $a;
        case 6: // one array shared many times (exponential when expanded)
            $a = ['x' => 'y'];
            for ($i = 0; $i < mt_rand(5, 30); $i++) $a = [$a, $a];
            return $a;
        case 7: // integer keys of every sign
            return [-5 => 'a', PHP_INT_MAX => 'b', 0 => 'c', PHP_INT_MIN => 'd'];
        case 8: // many keys
            return array_fill_keys(array_map(fn($i) => "k$i", range(0, mt_rand(0, 5000))), 1);
        case 9: // keys with NUL and bad UTF-8
            return ["a\0b" => 1, "\xff" => 2, '' => 3];
        default:
            $a = [];
            for ($i = mt_rand(0, 6); $i > 0; $i--) {
                $a[chance(50) ? hostile_string() : hostile_int()] = $depth < 4 ? hostile_value($depth + 1) : 1;
            }
            return $a;
    }
}

function hostile_value(int $depth = 0)
{
    global $objects;
    switch (mt_rand(0, 9)) {
        case 0: return null;
        case 1: return chance(50);
        case 2: return hostile_int();
        case 3: return hostile_float();
        case 4: case 5: return hostile_string();
        case 6: case 7: return $depth < 5 ? hostile_array($depth) : [];
        case 8: return $objects ? pick($objects) : new stdClass();
        default: return pick([new stdClass(), fn() => 1, new ArrayObject([1]), Participa\Tally::class]);
    }
}

/** A value for a declared type: usually of that type, sometimes anything. */
function value_for(?ReflectionType $type)
{
    if ($type === null || chance(8)) return hostile_value();
    $names = $type instanceof ReflectionUnionType ? array_map(fn($t) => $t->getName(), $type->getTypes()) : [$type->getName()];
    if ($type->allowsNull() && chance(10)) return null;
    switch (pick($names)) {
        case 'string': return hostile_string();
        case 'int': return hostile_int();
        case 'float': return chance(50) ? hostile_float() : hostile_int();
        case 'bool': return chance(50);
        case 'array': return hostile_array();
        case 'mixed': return hostile_value();
        default: return hostile_value();
    }
}

/** The strings among a call's arguments (nested arrays' keys and values too), longest first, as a message may quote them. */
function echoable(array $args, int $depth = 0): array
{
    $out = [];
    foreach ($args as $k => $a) {
        if (is_string($k) && strlen($k) >= 4) $out[] = $k;
        if (is_string($a) && strlen($a) >= 4) $out[] = $a;
        elseif (is_array($a) && $depth < 3) $out = array_merge($out, echoable($a, $depth + 1));
    }
    usort($out, fn($x, $y) => strlen($y) <=> strlen($x));
    return $out;
}

// --- the objects ----------------------------------------------------------
$objects = [];
function collect($o): void
{
    global $objects;
    if (is_object($o) && str_starts_with(get_class($o), 'Participa\\') && count($objects) < 64) $objects[] = $o;
}
function make_objects(Participa\Site $site): void
{
    global $known, $processIds;
    collect($site);
    foreach ([['commitment', 'PAL-07'], ['process', 'pp-2026'], ['assembly', 'a1'], ['post', '1']] as [$t, $i]) {
        try { collect($site->thread($t, $i)); } catch (Throwable $e) {}
    }
    foreach (['moderation', 'participants', 'commitments'] as $m) collect($site->$m());
    foreach ($processIds as $p) { try { collect($site->process($p)); } catch (Throwable $e) {} }
    foreach (['fz-cuestionario', 'fz-mapeo'] as $i) { try { collect($site->instrument($i)); } catch (Throwable $e) {} }
    try { collect(Participa\Tally::count('plurality', [['A'], ['B'], ['A']])); } catch (Throwable $e) {}
}
make_objects($site);

$classes = [];
foreach (get_declared_classes() as $c) {
    if (str_starts_with($c, 'Participa\\')) $classes[] = new ReflectionClass($c);
}

$done = 0;
$stats = ['calls' => 0, 'ok' => 0, 'threw' => 0];
for ($n = 0; $n < (int) $calls; $n++) {
    $what = mt_rand(0, 99);
    try {
        if ($what < 80) {
            // a method call
            $rc = pick($classes);
            $ms = array_values(array_filter($rc->getMethods(ReflectionMethod::IS_PUBLIC), fn($m) => !$m->isConstructor()));
            if (!$ms) continue;
            $m = pick($ms);
            $target = null;
            if (!$m->isStatic()) {
                $cands = array_values(array_filter($GLOBALS['objects'], fn($o) => $o instanceof $rc->name));
                if (!$cands) continue;
                $target = pick($cands);
            }
            $args = [];
            foreach ($m->getParameters() as $p) {
                if ($p->isOptional() && chance(30)) break;
                $args[] = value_for($p->getType());
            }
            if (chance(3)) $args[] = hostile_value();       // one too many
            fwrite($journal, sprintf("%d %s::%s(%s)\n", $n, $rc->getShortName(), $m->getName(), implode(', ', array_map('describe', $args))));
            fflush($journal);
            // strict on and off: coercions are a path of their own
            $r = $m->invokeArgs($target, $args);
            collect($r);
            if (is_array($r) && chance(20)) { json_encode($r); serialize($r); }
        } else {
            $o = $GLOBALS['objects'] ? pick($GLOBALS['objects']) : null;
            $op = mt_rand(0, 9);
            fwrite($journal, sprintf("%d op%d on %s\n", $n, $op, $o ? get_class($o) : '-'));
            fflush($journal);
            switch ($op) {
                case 0: collect(clone $o); break;
                case 1: unserialize(serialize($o)); break;
                case 2: var_export($o, true); print_r($o, true); json_encode($o); (array) $o; get_object_vars($o); break;
                case 3: $x = $o == pick($GLOBALS['objects']); $y = $o <=> pick($GLOBALS['objects']); break;
                case 4: // construct without the factory
                    $rc = pick($classes);
                    if (!$rc->isInterface() && !$rc->isAbstract() && !$rc->isEnum()) {
                        collect($rc->isSubclassOf(Throwable::class) ? $rc->newInstance() : $rc->newInstanceWithoutConstructor());
                    }
                    break;
                case 5: unserialize('O:' . strlen(get_class($o)) . ':"' . get_class($o) . '":1:{s:1:"x";i:1;}'); break;
                case 6: // drop the Site and rebuild: derived objects must stay usable
                    $GLOBALS['site'] = null;
                    $GLOBALS['objects'] = array_values(array_filter($GLOBALS['objects'], fn($x) => !($x instanceof Participa\Site)));
                    gc_collect_cycles();
                    $GLOBALS['site'] = Participa\Site::open($GLOBALS['config']);
                    collect($GLOBALS['site']);
                    break;
                case 7: $o->nope = 1; unset($o->nope); isset($o->x); break;
                case 8: // forget half the objects
                    shuffle($GLOBALS['objects']);
                    array_splice($GLOBALS['objects'], 0, intdiv(count($GLOBALS['objects']), 2));
                    gc_collect_cycles();
                    make_objects($GLOBALS['site']);
                    break;
                default: iterator_to_array(new ArrayIterator((array) $o)); break;
            }
        }
        $stats['ok']++;
    } catch (Throwable $e) {
        $stats['threw']++;
        // a resident-facing exception must never carry SQL or paths
        $msg = $e->getMessage();
        if ($e instanceof Participa\Exception && method_exists($e, 'publicMessage')) {
            // The fuzzer's own arguments may be echoed back (a partial's name, an unknown subject's
            // id): they are taken out before looking; what must never show is SQL, the server's
            // socket, the site's file or the tables.
            $pub = str_replace(echoable($what < 80 ? $args : []), '…', $e->publicMessage());
            $socket = (string) getenv('PARTICIPA_TEST_SOCKET');
            if (preg_match('/\b(SELECT|INSERT|UPDATE|DELETE)\b.*\b(FROM|INTO|SET)\b|\.sock\b|participa_[a-z_]+\b/', $pub)
                    || ($socket !== '' && str_contains($pub, dirname($socket))) || str_contains($pub, $GLOBALS['config'])) {
                fwrite(STDERR, "LEAK in publicMessage() of " . get_class($e) . ": $pub\n");
                exit(3);
            }
        }
    }
    $stats['calls']++;
}
// Drop every object and collect cycles before the end: the hostile values include
// self-referencing arrays, which only the cycle collector frees, and PHP does not run it at
// shutdown (the allocator's heap is discarded). What valgrind reports after this is memory no
// one can reach any more: a real leak.
// (the last caught exception's trace holds that call's arguments, hostile ones included: it goes
// too, with every other variable of the loop)
foreach (array_keys(get_defined_vars()) as $name) {
    if (!in_array($name, ['journal', 'stats', 'seed', 'GLOBALS', 'name'], true)) {
        unset($$name);
    }
}
$GLOBALS['objects'] = [];
$GLOBALS['site'] = null;
gc_collect_cycles();
fwrite($journal, "done\n");
printf("fuzz-api: seed %s, %d calls (%d returned, %d threw)\n", $seed, $stats['calls'], $stats['ok'], $stats['threw']);
