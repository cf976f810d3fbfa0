<?php

/** @generate-class-entries */

namespace Participa {

/**
 * Marker interface: every exception participa throws implements it, so a
 * host can catch them all with `catch (Participa\Exception $e)`.
 *
 * Two texts: getMessage() is for the operator's log (it may name tables,
 * sockets, users, files); publicMessage() is what a resident may be shown.
 * A refusal the person can act on (InvalidArgument, NotAllowed, Conflict,
 * NotFound) gives its own Spanish text (English on a site whose locale is
 * en*) when that text is in participa's message catalog, and a generic one
 * of its kind otherwise; a database, configuration or other operational
 * failure always gives a generic message ("No pudimos completar la
 * operación en este momento. Inténtalo más tarde.").
 */
interface Exception extends \Throwable
{
    public function publicMessage(): string;
}

/** A caller passed a value participa cannot accept (a bad ballot, an unknown id). */
class InvalidArgumentException extends \InvalidArgumentException implements Exception
{
    protected string $publicMessage = "";
    protected ?int $index = null;

    public function publicMessage(): string {}

    /** The offending item (ballot, row, byte offset) the message is about, or null. */
    public function getIndex(): ?int {}
}

/** Something outside the caller's arguments went wrong. */
class RuntimeException extends \RuntimeException implements Exception
{
    protected string $publicMessage = "";
    protected ?int $index = null;

    /** @implementation-alias Participa\InvalidArgumentException::publicMessage */
    public function publicMessage(): string {}

    /** @implementation-alias Participa\InvalidArgumentException::getIndex */
    public function getIndex(): ?int {}
}

/**
 * The YAML configuration has problems. getFile()/getLine() point at the YAML
 * file (not at PHP code), getColumn() at the column of the first problem, and
 * getProblems() lists every problem found, each with file, line, column and
 * message.
 *
 * @strict-properties
 */
final class ConfigException extends RuntimeException
{
    protected int $column = 0;
    protected array $problems = [];

    public function getColumn(): int {}

    public function getProblems(): array {}
}

/**
 * The database refused a statement or could not be reached. getCode() is the
 * server's (or client library's) error number, getSqlState() the SQLSTATE.
 *
 * @strict-properties
 */
final class DatabaseException extends RuntimeException
{
    protected string $sqlState = "";

    public function getSqlState(): string {}
}

/** The participant may not do this (role, territory, ban, phase). */
final class NotAllowedException extends RuntimeException
{
}

/** The request conflicts with stored state (already voted, a concurrent change). */
final class ConflictException extends RuntimeException
{
}

/** No object with that id exists. */
final class NotFoundException extends RuntimeException
{
}

}
