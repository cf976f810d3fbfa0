<?php
// participa command-line tool. Runs inside the `participa` binary (embed SAPI)
// with the extension built in; $argv holds the command line.

// The embed SAPI, unlike php-cli, defines no STDIN/STDOUT/STDERR.
if (!defined('STDERR')) {
    define('STDERR', fopen('php://stderr', 'w'));
}

const USAGE = <<<TXT
usage: participa <command> [arguments]

commands:
  check FILE       validate a site configuration; prints FILE:LINE:COL: message
                   for every problem and exits 1 if there is any
  migrate FILE     apply pending schema migrations to the configured database
                   and mirror the YAML's territories into it
  info FILE        summarise a configuration (site, territories, roles)
  close-due FILE   close every process whose voting phase has ended and seal
                   closed secret ballots (run it from cron, e.g. every minute)
  version          print versions of participa and its libraries
  help             this text

TXT;

function participa_main(array $argv): int
{
    $command = $argv[1] ?? 'help';
    $file = $argv[2] ?? null;
    $needsFile = ['check', 'migrate', 'info', 'close-due'];
    if (in_array($command, $needsFile, true) && ($file === null || isset($argv[3]))) {
        fwrite(STDERR, "participa $command: expects exactly one FILE argument\n\n" . USAGE);
        return 2;
    }
    switch ($command) {
        case 'check':
            $problems = Participa\Site::check($file);
            foreach ($problems as $p) {
                echo participa_format_problem($p), "\n";
            }
            if ($problems) {
                fwrite(STDERR, count($problems) . " problem(s) in $file\n");
                return 1;
            }
            echo "$file: OK\n";
            return 0;
        case 'migrate':
            $site = Participa\Site::open($file);
            $applied = $site->migrate();
            foreach ($applied as $name) {
                echo "applied $name\n";
            }
            $info = $site->info();
            echo ($applied ? '' : "schema is up to date\n")
                . "territories synced: {$info['territories']}\n";
            return 0;
        case 'info':
            $site = Participa\Site::open($file);
            $info = $site->info();
            printf("site:        %s (%s, %s)\n", $info['name'], $info['locale'], $info['timezone']);
            printf("database:    %s\n", $info['database']);
            printf("territories: %d\n", $info['territories']);
            foreach ($site->roles() as $id => $role) {
                printf("role %-12s %s%s\n", $id, implode(', ', $role['permissions']),
                    $role['votes'] ? '' : ' (voice, no vote)');
            }
            return 0;
        case 'close-due':
            $failed = 0;
            foreach (Participa\Process::closeDue(Participa\Site::open($file)) as $row) {
                if (isset($row['error'])) {
                    fwrite(STDERR, "participa close-due: {$row['process']}: {$row['error']}\n");
                    $failed++;
                    continue;
                }
                echo $row['closed_now'] ? "closed {$row['process']} at {$row['closed_at']} UTC ({$row['closed_how']})" : "{$row['process']}",
                    $row['sealed'] ? ($row['closed_now'] ? ", sealed" : " sealed") : '', "\n";
            }
            return $failed ? 1 : 0;
        case 'version':
            foreach (Participa\Site::versions() as $name => $version) {
                printf("%-15s %s\n", $name, $version);
            }
            return 0;
        case 'help':
        case '--help':
        case '-h':
            echo USAGE;
            return 0;
        default:
            fwrite(STDERR, "participa: unknown command '$command'\n\n" . USAGE);
            return 2;
    }
}

/** FILE:LINE:COL: message, or FILE: message when there is no position (an unreadable file). */
function participa_format_problem(array $p): string
{
    return $p['line'] > 0 ? "{$p['file']}:{$p['line']}:{$p['column']}: {$p['message']}" : "{$p['file']}: {$p['message']}";
}

try {
    exit(participa_main($argv));
} catch (Participa\ConfigException $e) {
    foreach ($e->getProblems() ?: [['file' => $e->getFile(), 'line' => $e->getLine(), 'column' => $e->getColumn(), 'message' => $e->getMessage()]] as $p) {
        fwrite(STDERR, participa_format_problem($p) . "\n");
    }
    exit(1);
} catch (Participa\Exception $e) {
    fwrite(STDERR, 'participa: ' . $e->getMessage() . "\n");
    exit(1);
}
