--TEST--
Every shipped template under templates/, rendered with XSS payloads in every data field, has no executable content (checked with python3's html.parser)
--EXTENSIONS--
participa
--SKIPIF--
<?php
if (!is_executable(trim((string) shell_exec('command -v python3')))) die('skip python3 not found');
?>
--INI--
memory_limit=512M
--FILE--
<?php
use Participa\Template;

$dir = __DIR__ . '/../../templates';
$sources = [];
foreach (glob("$dir/*.html") as $f) {
    $sources[basename($f, '.html')] = file_get_contents($f);
}
// Every template a template names as a partial is one of the shipped files.
$partials = $sources;

$payloads = [
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(document.domain)',
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    "' onmouseover='alert(1)",
    '" onmouseover="alert(1)',
    '` onmouseover=`alert(1)',
    ' onfocus=alert(1) autofocus ',
    '</textarea><script>alert(1)</script>',
    '</title><script>alert(1)</script>',
    '{{x}}{{{x}}}{{>comment}}{{=<% %>=}}{{/x}}',
    '<!--<script>alert(1)</script>-->',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '&#106;avascript:alert(1)',
    'javascript&colon;alert(1)',
    ']]><script>alert(1)</script>',
    '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    "\u{202E}<script>alert(1)</script>",
    'x" style="position:fixed;top:0;left:0;width:100%;height:100%',
    '<iframe srcdoc="<script>alert(1)</script>">',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '//evil.example/%2e%2e',
];

// ---- realistic shapes: what Thread::page(), Commitments::view() and TallyResult->toArray() return
function comment_node($v, $id, $depth) {
    return [
        'id' => $v("id$id"), 'parent_id' => null, 'depth' => $depth, 'status' => 'published',
        'author' => $v('author'), 'body' => $v('body'), 'notice' => null, 'alignment' => $v('alignment'),
        'official' => $id % 2 == 0, 'up' => $v('up'), 'down' => 1, 'reply_count' => 1,
        'created_iso' => $v('created_iso'), 'created_text' => $v('created_text'),
        'replies' => $depth < 2 ? [comment_node($v, $id * 2, $depth + 1)] : [],
        'more' => $v('more'), 'more_count' => $v('more_count'),
    ];
}
function thread_page($v) {
    $deleted = ['id' => $v('deleted_id'), 'author' => null, 'body' => null, 'notice' => $v('notice'),
        'alignment' => null, 'official' => false, 'up' => 0, 'down' => 0, 'created_iso' => null,
        'created_text' => null, 'replies' => [], 'more' => null, 'more_count' => 0];
    return ['titulo' => $v('titulo'), 'comments' => [comment_node($v, 1, 0), $deleted], 'next' => $v('next'),
        'counts' => ['published' => $v('published'), 'held' => 0, 'hidden' => 0, 'deleted' => 1, 'roots' => $v('roots')]];
}
function commitment_view($v) {
    return [
        'id' => $v('id'), 'title' => $v('title'), 'status_label' => $v('status_label'),
        'light' => $v('light'), 'light_label' => $v('light_label'), 'progress' => $v('progress'),
        'agency_name' => $v('agency_name'), 'theme_label' => $v('theme_label'),
        'start_date' => $v('start_date'), 'due_date' => $v('due_date'), 'completion_label' => $v('completion_label'),
        'description' => $v('description'),
        'milestones' => [['title' => $v('m_title'), 'due' => $v('m_due'), 'done' => true],
                         ['title' => $v('m_title2'), 'due' => null, 'done' => false]],
        'evidence' => [['url' => $v('url'), 'description' => $v('e_description'), 'date' => $v('e_date')],
                       ['url' => $v('url2'), 'description' => null, 'date' => null],
                       ['reference' => $v('reference'), 'description' => $v('e_description2'), 'date' => null]],
        'children_list' => [['id' => $v('c_id'), 'title' => $v('c_title'), 'status_label' => $v('c_status'), 'progress' => $v('c_progress')]],
        'official_answers' => [['id' => $v('a_id'), 'body' => $v('a_body'), 'author' => $v('a_author')]],
        'thread' => thread_page($v),
    ];
}
function tally_result($v) {
    $a = $v('cand') . ' A'; $b = $v('cand') . ' B'; $c = $v('cand') . ' C';
    try {
        $r = Participa\Tally::count('irv', [[$a, $b], [$b, $a], [$c, $b], [$a, $c]])->toArray();
    } catch (Participa\Exception $e) {
        // a candidate id the tally refuses (white space at an end, control characters):
        // the very result of plain names, with the payload names put in afterwards
        $r = Participa\Tally::count('irv', [['p A', 'p B'], ['p B', 'p A'], ['p C', 'p B'], ['p A', 'p C']])->toArray();
        $names = ['p A' => $a, 'p B' => $b, 'p C' => $c];
        array_walk_recursive($r, function (&$x) use ($names) { if (is_string($x) && isset($names[$x])) $x = $names[$x]; });
    }
    return $r + ['titulo' => $v('titulo'), 'metodo' => $v('metodo')];
}
$shapes = ['comment-thread' => 'thread_page', 'commitment' => 'commitment_view', 'tally-result' => 'tally_result'];

// ---- generic shapes from the template's own tag names, so a field no shape above knows still gets a payload
function tag_names($src) {
    preg_match_all('/\{\{\s*([#^\/>!&{]?)\s*([^}]*?)\s*\}?\}\}/', $src, $m, PREG_SET_ORDER);
    $sections = $vars = $prefixes = [];
    foreach ($m as [, $sigil, $name]) {
        if ($sigil === '!' || $sigil === '>' || $sigil === '/') continue;
        $parts = explode('.', $name);
        foreach (array_slice($parts, 0, -1) as $p) $prefixes[$p] = true;
        $last = end($parts);
        if ($sigil === '#' || $sigil === '^') $sections[$last] = true; else $vars[$last] = true;
    }
    return [$sections, $vars, $prefixes];
}
function universal($names, $v, $variant, $depth) {
    [$sections, $vars, $prefixes] = $names;
    $m = [];
    foreach ($vars + $sections + $prefixes as $k => $_) {
        if ($k === '' || $k === '.' || preg_match('/^[0-9]+$/', (string) $k)) continue;
        if (isset($vars[$k])) {
            $m[$k] = $v($k);
        } elseif ($depth <= 0 || ($k === 'replies' && $variant !== 'maps')) {
            // (a string or list item has no "replies", so the recursive partial would find the outer one forever)
            $m[$k] = [];
        } elseif ($variant === 'maps') {
            $m[$k] = [universal($names, $v, $variant, $depth - 1), universal($names, $v, $variant, $depth - 1)];
        } elseif ($variant === 'strings') {
            $m[$k] = [$v($k), $v($k)];
        } else {
            $m[$k] = [[$v($k), $v($k)], [$v($k)]];
        }
    }
    return $m;
}

// Under valgrind (run-tests -m sets USE_ZEND_ALLOC=0) a sixth of the payloads, one fill: the memory
// check needs every code path, not every combination, and the whole run would take ~20 minutes.
$valgrind = getenv('USE_ZEND_ALLOC') === '0';
$docs = [];
$render = function ($name, $build) use ($sources, $partials) {
    return Template::render($sources[$name], $build, $partials);
};
foreach ($sources as $name => $src) {
    $names = tag_names($src . ($name === 'comment-thread' || $name === 'commitment' ? $sources['comment'] : ''));
    foreach ($payloads as $i => $p) {
        if ($valgrind && $i % 6 != 0) continue;
        $mixed = function ($field) use ($payloads, $i) { return $payloads[($i + crc32($field)) % count($payloads)]; };
        $same = fn($field) => $p;
        $benign = fn($field) => 'texto-' . preg_replace('/[^a-z0-9]/', '', $field);
        $builders = [];
        if (isset($shapes[$name])) {
            $builders['shape'] = $shapes[$name];
        }
        foreach (['maps', 'strings', 'lists'] as $variant) {
            // a template with many sections (the results page) one level deep: (2 x sections)^3 maps do not fit
            $builders[$variant] = fn($v) => universal($names, $v, $variant, count($names[0]) > 8 ? 1 : 3);
        }
        foreach ($builders as $how => $build) {
            foreach ($valgrind ? ['mixed' => $mixed] : ['same' => $same, 'mixed' => $mixed] as $fill => $v) {
                $used = [];
                $record = function ($field) use ($v, &$used) { $s = $v($field); $used[$s] = true; return $s; };
                $html = $render($name, $build($record));
                $docs[] = ['name' => "$name/$how/$fill/payload $i", 'html' => $html,
                    'benign' => $render($name, $build($benign)), 'payloads' => array_keys($used)];
            }
        }
    }
}

if (!$valgrind) {
    $proc = proc_open(['python3', __DIR__ . '/xss_check.py'], [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], $pipes);
    fwrite($pipes[0], json_encode($docs, JSON_INVALID_UTF8_SUBSTITUTE | JSON_THROW_ON_ERROR));
    fclose($pipes[0]);
    echo stream_get_contents($pipes[1]);
    fclose($pipes[1]);
    echo 'exit ', proc_close($proc), "\n";
} else {
    // run-tests -m traces children, and python3 under memcheck takes about an hour: a smaller check in
    // PHP (tags and attributes read with regular expressions; the same rules as xss_check.py).
    $structure = function ($html) {
        preg_match_all('~<(/?)([a-zA-Z][^\s/>]*)((?:[^>"\']|"[^"]*"|\'[^\']*\')*)>~', $html, $tags, PREG_SET_ORDER);
        $out = [];
        foreach ($tags as [, $end, $tag, $rest]) {
            preg_match_all('~([^\s"\'>/=]+)(?:\s*=\s*("[^"]*"|\'[^\']*\'|[^\s"\'=<>`]+))?~', $rest, $at, PREG_SET_ORDER);
            $attrs = [];
            foreach ($at as $m) {
                $attrs[] = [strtolower($m[1]), html_entity_decode(trim($m[2] ?? '', '"\''), ENT_QUOTES | ENT_HTML5)];
            }
            $out[] = [$end . strtolower($tag), $attrs];
        }
        return $out;
    };
    $problems = $shown = 0;
    foreach ($docs as $d) {
        $s = $structure($d['html']);
        $names = fn($st) => array_map(fn($t) => [$t[0], array_column($t[1], 0)], $st);
        $problems += $names($s) !== $names($structure($d['benign']));
        $seen = html_entity_decode(strip_tags($d['html']), ENT_QUOTES | ENT_HTML5);
        foreach ($s as [$tag, $attrs]) {
            $problems += in_array($tag, ['script', 'iframe', 'object', 'embed', 'base', 'meta', 'link', 'style', 'math',
                'foreignobject', 'use', 'image', 'animate', 'set'], true);
            foreach ($attrs as [$n, $v]) {
                $seen .= "\n$v";
                $problems += str_starts_with($n, 'on') || $n === 'style' || $n === 'srcdoc';
                $u = preg_replace('/[\t\n\r]/', '', ltrim($v, "\x00..\x20"));
                $problems += in_array($n, ['href', 'src', 'action', 'formaction', 'cite', 'srcset'], true)
                    && preg_match('~^([^:/?#\\\\]*):~', $u, $m) && !in_array(strtolower($m[1]), ['http', 'https', 'mailto', 'tel', 'about'], true);
            }
        }
        $shown += count(array_filter($d['payloads'], fn($p) => str_contains($seen, $p))) > 0;
    }
    printf("%s: %d documents checked, %d with payloads rendered, %d problems\nexit %d\n",
        $problems ? 'FAIL' : 'ok', count($docs), $shown, $problems, $problems ? 1 : 0);
}
echo count($sources), " templates\n";
?>
--EXPECTF--
ok: %d documents checked, %d with payloads rendered, 0 problems
exit 0
%d templates
