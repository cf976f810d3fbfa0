<?php

/** @generate-class-entries */

namespace Participa {

/**
 * Reads and writes participatory-budgeting instances in the Pabulib format
 * (pabulib.org): UTF-8, ';'-separated, sections META, PROJECTS and VOTES.
 *
 * The array shape (read returns it, write takes it):
 *
 *     [
 *       'meta'     => ['budget' => '1070000', 'vote_type' => 'approval', ...],
 *       'projects' => [
 *         'c1' => ['cost' => 68000, 'votes' => '380', 'name' => '...', 'selected' => '1'],
 *         ...
 *       ],
 *       'votes'    => [
 *         'v1' => ['vote' => ['c1', 'c2', 'c11'], 'age' => '30', ...],
 *         ...
 *       ],
 *     ]
 *
 * - meta: key => value, every value a string (null for None).
 * - projects: project_id => its other columns in file order. 'cost' is an
 *   int when it has no significant decimals ("40000.0" -> 40000), else a
 *   float; other cells are strings, null for None.
 * - votes: voter_id => its other columns. 'vote' is the list of project
 *   ids (strings) in ballot order ([] for an empty ballot, null for None);
 *   'points', when the file has it, the matching list of ints.
 * - ids that look like integers become integer array keys, as always in
 *   PHP; write turns them back into the same text.
 *
 * write() takes the same shape; projects need 'cost'; the columns are the
 * union of the keys in order of first appearance (a missing cell is
 * written as None); 'vote' and 'points' may also be given as already
 * comma-joined strings. What write() produces is parsed back before the
 * file is written, so it never writes a file read() would refuse.
 *
 * Errors: bad content throws InvalidArgumentException whose message starts
 * with "line N:" when a line is known; I/O problems throw RuntimeException.
 *
 * @strict-properties
 * @not-serializable
 */
final class Pabulib
{
    private function __construct() {}

    public static function read(string $path): array {}

    public static function write(string $path, array $data): void {}
}

}
