<?php

/** @generate-class-entries */

namespace Participa {

/**
 * Logic-less Mustache templates for HTML fragments (the spec's
 * interpolation, sections, inverted sections, comments, set delimiters and
 * partials; no lambdas). {{name}} is HTML-escaped (& < > " ' `), {{{name}}}
 * and {{& name}} are not.
 *
 * render() compiles $template (and each partial) once per process: compiled
 * templates are cached by content (at most 256 of them and 8 MiB, least
 * recently used evicted first), so rendering the same template again only
 * walks the data. $data is an array tree, read in place: list arrays
 * iterate in sections, other arrays are maps (a name finds integer keys
 * too), ints, floats and strings print, null/false/[] are falsy. Objects,
 * resources, cycles made with references and more than 128 nested levels
 * are refused.
 *
 * HTML safety: a tag where escaping cannot protect the page is refused when
 * the template compiles (inside a tag outside a quoted attribute value, in
 * on* / style / srcdoc attributes, inside <script>, <style> or a comment;
 * raw tags and partials only between elements; a section must close in the
 * HTML context it opened in). An href, src, action, formaction, srcset...
 * value holding a tag is checked when rendered: unless it is a relative
 * reference or an http, https, mailto or tel URL it becomes
 * "about:invalid#url-no-permitida".
 *
 * Errors: a template or partial that does not compile (unclosed section,
 * mismatched close tag, unsafe context...) throws InvalidArgumentException
 * with its line and column; so do sources over 2 MiB, partials nested
 * deeper than 64, renders that need more than 5,000,000 steps or would
 * write more than 16 MiB, and refused data.
 *
 * @strict-properties
 * @not-serializable
 */
final class Template
{
    private function __construct() {}

    /** $partials: name => template source */
    public static function render(string $template, array $data, array $partials = []): string {}

    /**
     * The compiled-template cache of this process: entries, bytes,
     * max_entries, max_bytes, max_entry_bytes, hits, misses, evictions and
     * uncached (compiled for one call only: too large, or no room).
     *
     * @return int[]
     */
    public static function cacheInfo(): array {}
}

}
