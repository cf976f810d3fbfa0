<?php
// Writes cli/participa.php as a C string for the participa command-line tool
// (cli/participa.c includes it): php scripts/lib/cli-script.php cli/participa.php > out/cli/participa_cli_script.h
// Used by the Makefile's participa-cli target (Makefile.frag), which scripts/build runs.
$s = preg_replace('/^<\?php\s*/', '', file_get_contents($argv[1]));
$out = "/* generated from cli/participa.php by scripts/lib/cli-script.php */\nstatic const char participa_cli_script[] =";
foreach (explode("\n", $s) as $line) {
    $out .= "\n\t\"" . addcslashes($line, "\\\"\t\r\0..\37") . "\\n\"";
}
echo $out, ";\n";
