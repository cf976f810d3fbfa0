<?php

/** @generate-class-entries */

namespace Participa {

/**
 * Logic-less Mustache templates (the spec's interpolation, sections,
 * inverted sections, comments, set delimiters and partials; no lambdas).
 * {{name}} is HTML-escaped (& < > " '), {{{name}}} and {{& name}} are not.
 *
 * render() compiles $template (and each partial) once per process: compiled
 * templates are cached by content, so rendering the same template again
 * only walks the data. $data is an array tree: list arrays iterate in
 * sections, other arrays are maps (integer keys become strings), ints,
 * floats and strings print, null/false/[] are falsy. Objects are refused.
 *
 * Errors: a template or partial that does not compile (unclosed section,
 * mismatched close tag...) throws InvalidArgumentException with its line
 * and column; so do partials nested deeper than 64 and renders that would
 * take more than a million steps.
 *
 * @strict-properties
 * @not-serializable
 */
final class Template
{
    private function __construct() {}

    /** $partials: name => template source */
    public static function render(string $template, array $data, array $partials = []): string {}
}

}
