<?php

/**
 * @generate-class-entries
 *
 * Every public class of participa, in one stub as php-src's ext/random keeps
 * its own: scripts/gen-stubs turns it into participa_arginfo.h (included by
 * participa.c only, which registers every class) and scripts/gen-api-docs into
 * docs/api/. One section per area, in the order of the manual.
 */

namespace Participa {

/* ===== errors ===== */

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


/* ===== enums ===== */

/**
 * The closed sets of the PHP API. Every method that takes one of these also
 * takes its string value ('newest' for Sort::Newest), so code written before
 * the enums keeps working; what a method returns stays the string value.
 */

/** The order of a thread page (Thread::page(), replies()). */
enum Sort: string
{
    case Oldest = "oldest";
    case Newest = "newest";
    case Top = "top";
    case Discussed = "discussed";
    case Controversial = "controversial";
}

/** A participant's reaction to a comment (Thread::react()); None withdraws it. */
enum Reaction: string
{
    case Up = "up";
    case Down = "down";
    case None = "none";
    case Agree = "agree";
    case Disagree = "disagree";
    case Pass = "pass";
}

/** The side a comment takes on its subject, where the subject type enables it (Thread::post()). */
enum Alignment: string
{
    case For = "for";
    case Neutral = "neutral";
    case Against = "against";
}

/** Whether a process's ballots can be linked to their voters (Process::info()['secrecy']). */
enum Secrecy: string
{
    case Secret = "secret";
    case Public = "public";
}

/** When a process's results may be read (Process::info()['results_visibility']). */
enum ResultsVisibility: string
{
    case Live = "live";
    case AfterVote = "after_vote";
    case AfterClose = "after_close";
}


/* ===== site ===== */

/**
 * A municipality's site: its validated YAML configuration (parsed once per
 * process and cached until the file changes) and its database.
 *
 * @strict-properties
 * @not-serializable
 */
final class Site
{
    private function __construct() {}

    /**
     * Opens the site described by $configPath (default: the participa.config
     * INI setting). Throws ConfigException listing every problem of a bad file.
     * The file is read through PHP's streams (open_basedir applies); it must be
     * a regular file of at most 16 MiB.
     */
    public static function open(?string $configPath = null): Site {}

    /**
     * Validates a configuration file without opening it, as `participa check`
     * does: every problem open() reports, and moderation rules whose patterns
     * backtrack catastrophically, do too much work for the time budget, or
     * match any comment (each pattern is run on adversarial texts). Returns a
     * list of problems, each ['file' => string, 'line' => int, 'column' =>
     * int, 'message' => string] (line 0: no position); an empty list means
     * the file is valid. Never throws for a bad file.
     */
    public static function check(string $configPath): array {}

    /** Versions: participa, php, mariadb_client, libyaml, pcre2. */
    public static function versions(): array {}

    /**
     * Per-process counters: config_parses, config_cache_hits, db_connects,
     * db_prepares, db_executes, db_retries, pid.
     */
    public static function stats(): array {}

    /**
     * Applies the schema migrations not yet applied (safe to run from several
     * processes at once), then mirrors the YAML's territories and standing
     * role assignments into the database. Returns the names of the migrations
     * this call applied.
     */
    public function migrate(): array {}

    /** name, locale, timezone, config file, database name, counts. */
    public function info(): array {}

    /** The roles of the YAML: id => ['name' => ..., 'permissions' => [...], 'votes' => bool]. */
    public function roles(): array {}

    /**
     * The territory tree: a list of roots, each ['id', 'name', 'kind',
     * 'children' => [...]].
     */
    public function territories(): array {}

    /** One territory with its parent id and depth, or null if unknown. */
    public function territory(string $id): ?array {}

    /**
     * Whether $territory lies inside $ancestor (or is it). Throws
     * NotFoundException for an unknown id. O(1).
     */
    public function territoryWithin(string $territory, string $ancestor): bool {}

    /**
     * A body of bodies: (a council, a Technical Secretariat) on a date
     * (YYYY-MM-DD): its seats (participant: the YAML's, or who a process's
     * stored final count seats, null while vacant; process, winner, vacant
     * (not_counted, no_participant), role, sector, start, end, in_office),
     * members in office, vacant seats, quorum, the holder of the rotating
     * role, members per sector, whether its membership rule (requires:) is
     * met and the problem if not, and the council votes it holds. One query
     * for a body whose seats results feed. Throws NotFoundException for an
     * unknown body, InvalidArgumentException for a date that is not one.
     */
    public function body(string $id, string $date): array {}

    /**
     * The responsibility report of a territory (a directorate: one line for
     * it and one per direct child) or of a participant (one line per
     * territory they answer for), from the stored data as of $date
     * (YYYY-MM-DD, null: everything stored): assemblies held, agreements,
     * the commitments they became and their progress, local agendas by stage
     * (diagnosis, agenda, implementation) rolled up the tree, and who answers
     * for each line (official, servidor, promoter). One query. With $format
     * "csv" or "json" the same as open data. Throws NotFoundException for an
     * unknown territory or a person without responsibility,
     * InvalidArgumentException for a date that is not one or after today.
     */
    public function responsibilityReport(string $of, ?string $date = null, ?string $format = null): array|string {}

    /**
     * The same report as an accessible fragment (templates/responsibility-report.html,
     * Spanish first): a table per line with its caption and header cells.
     */
    public function responsibilityHtml(Host $host, string $of, ?string $date = null): string {}

    /**
     * The deliberation thread of a subject ('commitment', 'PAL-07'), created
     * on first use. Needs the database (one query).
     */
    public function thread(string $subjectType, string $subjectId): Thread {}

    /** The moderation queue and log. */
    public function moderation(): Moderation {}

    /** Participants: territory, roles, bans. */
    public function participants(): Participants {}

    /** Commitment tracking: plans' commitments, history, summaries, open data, assemblies. */
    public function commitments(): Commitments {}

    /**
     * A participatory process of the YAML (`processes:`), by id. Throws
     * NotFoundException for an unknown id. Needs the database (one query).
     */
    public function process(string $id): Process {}

    /**
     * The summary across the processes a template generated (`for_each:` in
     * `processes:`): per territory its residents, voters, turnout, closed and the
     * final count's winners, and the totals. Throws NotFoundException for an
     * unknown template. Two queries whatever the number of territories.
     * With $format "csv" or "json", the same as open data: CSV one row per
     * process (process, territory, territory_name, residents, voters,
     * turnout_percent, closed, winners joined with ';'), JSON the summary.
     */
    public function processTemplate(string $id, ?string $format = null): array|string {}

    /**
     * The same summary as an HTML fragment (templates/process-template-summary.html):
     * the totals, then one table row per territory (its residents, voters,
     * turnout, whether voting closed, the final count's winners by name) and a
     * total row. Throws NotFoundException for an unknown template.
     */
    public function processTemplateHtml(Host $host, string $id): string {}

    /**
     * Closes every process the template generated, as Process::close($by)
     * does for each (one transaction each: no ballot is accepted after it;
     * a secret vote's links are cleared in it), then seals the secret ones
     * with one rewrite of the ballot tables for all of them. Returns
     * ['processes', 'closed' (newly), 'sealed' (false: another worker was
     * sealing; the next call or close-due seals)]. Throws
     * NotFoundException for an unknown template.
     */
    public function closeTemplate(string $id, ?string $by = null): array {}

    /**
     * A questionnaire or scorecard of the YAML (`instruments:`), by id.
     * Throws NotFoundException for an unknown id. Reads nothing yet.
     */
    public function instrument(string $id): Instrument {}
}


/* ===== participants ===== */

/**
 * The site's participants: opaque host ids (e.g. "wp:42") with a territory,
 * roles and a status.
 *
 * @strict-properties
 * @not-serializable
 */
final class Participants
{
    private function __construct() {}

    /**
     * Creates or updates a participant. $territory must be a territory of the
     * YAML; $roles role ids of the YAML (they replace the roles previously
     * given through the API; YAML assignments stay). Returns get($id).
     */
    public function upsert(string $id, string $territory, array $roles = []): array {}

    /**
     * ['id', 'territory', 'status' (active|banned), 'roles' and 'permissions'
     * (what acts site-wide: API roles + YAML assignments without a territory,
     * or the default role), 'assignments' (every YAML assignment: role,
     * territory or null, body or null; one with a territory acts only inside
     * it), 'known'] or null for an id with neither a record nor a YAML
     * assignment.
     */
    public function get(string $id): ?array {}

    /** Bans a participant ($moderator needs 'moderate'); logged. */
    public function ban(string $id, string $moderator, string $reason = ''): void {}

    /** Lifts a ban ($moderator needs 'moderate'); logged. */
    public function unban(string $id, string $moderator, string $reason = ''): void {}

    /**
     * ARCO access: everything stored about $id, read in one transaction:
     * ['id', 'yaml_assignments', 'tables' => [section => list of rows]]
     * (participant, roles, comments, comment_versions, reactions, flags,
     * mentions, official_answers, moderation_log, votes, cast_keys,
     * public_ballots, proposals, withdrawals, paper_batches,
     * commitment_events, commitment_evidence, assemblies_recorded,
     * assembly_attendance). Never a secret ballot. An operator action.
     */
    public function export(string $id): array {}

    /**
     * ARCO cancellation: erases or anonymises $id everywhere, in one
     * transaction, except the records the law requires (returned under
     * 'kept'). Returns counts per table and the random 'pseudonym' that
     * replaced the id where a row stays. An operator action: the host
     * authenticates the request; participa checks no permission.
     */
    public function erase(string $id): array {}
}


/* ===== thread ===== */

/**
 * The deliberation thread of one subject (commitment, process, project,
 * assembly, post ...). Obtained from Site::thread(); the thread row is
 * created on first use.
 *
 * @strict-properties
 * @not-serializable
 */
final class Thread
{
    private function __construct() {}

    /** ['id', 'subject_type', 'subject_id', 'premoderate', 'alignment'] */
    public function info(): array {}

    /**
     * Posts a comment as $participant. $opts: 'parent' (int, reply to),
     * 'alignment' (a Participa\Alignment or its value 'for'|'neutral'|'against',
     * where the subject type enables it), 'idempotency_key' (string: a retry with the same key returns the
     * stored comment instead of posting twice). Returns the stored comment
     * with 'status' (published, held or rejected), 'message' (for rejected
     * and held comments), 'redactions' and 'mentions'.
     */
    public function post(string $participant, string $body, array $opts = []): array {}

    /** Edits the author's own comment within the edit window; keeps the previous version. */
    public function edit(int $commentId, string $participant, string $body): array {}

    /** Deletes the author's own comment; it keeps its place as "comentario eliminado". */
    public function delete(int $commentId, string $participant): void {}

    /** Marks a comment as an official answer ($official needs the 'answer' permission). */
    public function markOfficial(int $commentId, string $official): void {}

    /**
     * Every version of a comment, oldest first; the last one is the current
     * text. $viewer (a participant id) sees what page() shows them: others'
     * held comments do not exist for them; hidden and deleted comments are
     * their current place only (body null); earlier versions that were not
     * published are shown only to their author and to moderators.
     */
    public function history(int $commentId, ?string $viewer = null): array {}

    /**
     * $reaction: a Participa\Reaction or its value: 'up', 'down', 'none'
     * (withdraw the vote), 'agree', 'disagree' or 'pass' (stances on the
     * statement). Returns the comment's counts and the participant's reaction.
     */
    public function react(int $commentId, string $participant, Reaction|string $reaction): array {}

    /** Flags a comment for moderators; after threads.auto_hide_after_flags flags it is hidden pending review. */
    public function flag(int $commentId, string $participant, string $reason): array {}

    /**
     * One page: $opts 'sort' (a Participa\Sort or its value:
     * oldest|newest|top|discussed|controversial),
     * 'limit' (roots, 1..100, default 20), 'cursor' (from 'next'), 'viewer'
     * (participant id: their reactions and held comments), 'depth' (reply
     * levels, default threads.max_depth), 'replies' (per node, default
     * threads.page_replies), 'at' (a comment id: the page that starts at that
     * comment, instead of a cursor; for a reply, its parent's replies from it,
     * as replies() pages them; an id the viewer cannot see: the first page).
     * Returns ['comments' => nested, 'next' => ?string, 'counts' => [...]].
     */
    public function page(array $opts = []): array {}

    /** "More replies" of a comment: $opts 'cursor' (a node's 'more'), 'limit', 'viewer', 'depth', 'replies'
     * ('sort', if given, is Participa\Sort::Oldest or 'oldest'). */
    public function replies(int $commentId, array $opts = []): array {}

    /** Turns pre-moderation of this thread on or off ($moderator needs 'moderate'); logged. */
    public function setPremoderate(bool $on, string $moderator, string $reason = ''): void {}

    /**
     * The thread as HTML for $host (docs/fragments/threads.md): counts, comments with
     * their authors' names, and forms that work without JavaScript (comment, reply,
     * vote, position, report, edit, delete, official answer) for $viewer. $opts:
     * 'title', 'cursor' (a page's), 'replies' (a comment id: its replies), 'view'
     * ("c12": the page that starts at comment 12; "responder-12" ...: also its
     * form open), 'outcome' (a Request::handle() answer; default: the Host's).
     */
    public function html(Host $host, ?string $viewer = null, array $opts = []): string {}
}


/* ===== moderation ===== */

/**
 * The moderation queue of a site. Every action is checked against the
 * moderator's 'moderate' permission and recorded with moderator, time and
 * reason in the moderation log.
 *
 * @strict-properties
 * @not-serializable
 */
final class Moderation
{
    private function __construct() {}

    /**
     * $filters: 'status' (held|hidden|flagged|rejected, default held),
     * 'subject_type', 'subject_id', 'limit' (1..200, default 50), 'cursor'.
     * Returns ['items' => [...], 'next' => ?string], oldest first.
     */
    public function queue(array $filters = []): array {}

    /** held or hidden -> published. */
    public function approve(int $commentId, string $moderator, string $reason = ''): array {}

    /** held, hidden or published -> rejected. */
    public function reject(int $commentId, string $moderator, string $reason = ''): array {}

    /** published or held -> hidden. */
    public function hide(int $commentId, string $moderator, string $reason = ''): array {}

    /** hidden or rejected -> published. */
    public function restore(int $commentId, string $moderator, string $reason = ''): array {}

    /** Bans a participant: they may no longer post, edit, react or flag. */
    public function ban(string $participant, string $moderator, string $reason = ''): void {}

    /** Lifts a ban. */
    public function unban(string $participant, string $moderator, string $reason = ''): void {}

    /**
     * The log, newest first. $filters: 'comment' (int), 'moderator',
     * 'participant', 'limit' (1..200, default 50), 'cursor'.
     * Returns ['entries' => [...], 'next' => ?string].
     */
    public function log(array $filters = []): array {}

    /** The queue (queue($filters)) as HTML for $host with approve, reject, hide and ban forms for $moderator. */
    public function html(Host $host, string $moderator, array $filters = []): string {}
}


/* ===== process ===== */

/**
 * A participatory process of the YAML (`processes:`): casting, paper
 * batches, counting and publishing. Get one with Site::process($id).
 *
 * @strict-properties
 * @not-serializable
 */
final class Process
{
    private function __construct() {}

    /**
     * The definition: id, title, kind, method, territory, roles, body,
     * phases (local and UTC), secrecy, vote_changes, results_visibility,
     * channels, candidates, state (proposals, voting, closed ...),
     * closed_at (UTC), closed_by, closed_how ('call' or 'schedule') and, for
     * secret processes, sealed.
     */
    public function info(): array {}

    /**
     * Casts $participant's ballot over the web. Returns the receipt:
     * ['process', 'receipt', 'version', 'changed', 'replayed', 'voice_only'].
     * $meta['idempotency_key'] makes a retried request return the same
     * receipt without voting twice. Throws NotAllowedException (not
     * eligible, role without vote, voting not open), ConflictException
     * (already voted and changes are not allowed) or InvalidArgumentException
     * (the ballot breaks the method's rules); messages are in Spanish.
     */
    public function cast(string $participant, mixed $ballot, array $meta = []): array {}

    /**
     * Where $participant (null: nobody signed in) stands: ['process', 'state',
     * 'open' (web voting open now), 'participant', 'eligible', 'voice_only',
     * 'eligibility' (why not eligible, or null), 'voted' (on the voter roll;
     * never the ballot), 'reason' (why they cannot vote now, or null), 'can'
     * => ['vote', 'change_vote', 'speak', 'propose', 'enter_paper_ballots',
     * 'see_results'], 'results' (why the results are not visible yet, or
     * null)]. The texts are the Spanish citizen messages (English on an en
     * site), by the same rules cast(), propose(), enterPaperBatch() and
     * results() apply.
     */
    public function status(?string $participant = null): array {}

    /**
     * The process as an HTML fragment for $viewer (null: nobody signed in),
     * with the links and forms of $host: $opts['show'] 'auto' (the ballot
     * while the viewer may vote, the results when they may see them, else
     * their status), 'ballot', 'status', 'results', 'receipt' (a receipt
     * check; the receipt from $opts['receipt'] or the host's receipt
     * parameter), 'paper' (paper batch entry, for enter_paper_ballots);
     * $opts['rows'] paper rows (default 10). Forms post to Request
     * (process.cast, process.paper). docs/fragments/processes.md.
     */
    public function html(Host $host, ?string $viewer = null, array $opts = []): string {}

    /**
     * Whether $receipt is in the ballot box; the stored ballot
     * (['receipt', 'ballot', 'reason', 'channel', 'version']) or null.
     */
    public function verifyReceipt(string $receipt): ?array {}

    /**
     * Proposes an option (candidate, project) during the proposals phase:
     * $option = ['id' => ..., 'name' => ... (or 'title'), 'cost' => ...
     * (participatory budgets: required, positive, within the budget),
     * 'territory' => ... (optional, inside the process's territory)].
     * The proposer needs the `propose` permission and, like a voter, must
     * live inside the process's territory (or belong to its body). It then
     * takes part in casting, counting and exports like the YAML's options,
     * after them. The id is the idempotency key: proposing the same option
     * again returns it with 'replayed' => true. Returns ['process', 'id',
     * 'name', 'cost' (budgets), 'territory', 'source' => 'api',
     * 'proposed_by', 'created_at', 'replayed']. Throws NotAllowedException
     * (phase, permission, eligibility, closed, too many proposals),
     * ConflictException (the id is taken or was withdrawn) or
     * InvalidArgumentException (the option's fields); messages in Spanish.
     */
    public function propose(string $participant, array $option): array {}

    /**
     * Every option: the YAML's, then those proposed through the API (in the
     * order they take part in ballots), withdrawn ones included: ['id',
     * 'name', 'cost' (budgets), 'territory', 'source' => 'yaml'|'api',
     * 'status' => 'active'|'withdrawn', 'proposed_by', 'created_at',
     * 'withdrawn_at', 'withdrawn_by', 'reason'].
     */
    public function options(): array {}

    /**
     * An official (permission manage_processes) withdraws an option proposed
     * through the API, with a reason, before voting opens. The option stays
     * listed by options() as withdrawn and takes no part in the vote.
     * Idempotent (a second call returns 'replayed' => true). Returns
     * ['process', 'id', 'status' => 'withdrawn', 'withdrawn_by',
     * 'withdrawn_at', 'replayed']. Throws NotAllowedException (permission,
     * voting started, an option of the YAML), NotFoundException or
     * InvalidArgumentException (no reason).
     */
    public function withdraw(string $official, string $optionId, string $reason): array {}

    /**
     * Enters one batch of paper ballots from an in-person vote. The first
     * entry waits for a second person's entry of the same batch; when both
     * match the ballots are counted, otherwise each differing ballot is
     * reported with both readings and who entered each. Returns ['batch',
     * 'status' => 'pending'|'mismatch'|'counted', 'entry', 'ballots',
     * 'header_mismatch', 'count_mismatch', 'first_by', 'second_by',
     * 'mismatches' => [['position' (1-based), 'this' (this call's reading),
     * 'other' (the other entry's), 'first', 'first_by', 'second',
     * 'second_by' (+ 'first_reason', 'second_reason' for stances)], ...]];
     * a reading is null where that entry has no ballot at the position.
     */
    public function enterPaperBatch(string $official, string $batchId, string $assembly, string $tallySheet, array $ballots): array {}

    /**
     * Ends voting now (before the YAML's end if needed) and records who
     * ended it ($by, a participant id, or null). For a secret process every
     * link between a voter and a ballot is removed (receipts, idempotency
     * keys, versions) and the ballot tables are rewritten so no physical
     * trace links them either. Casts running meanwhile either commit first
     * or are refused. A process also closes itself: the first call after its
     * voting phase ends, or Process::closeDue() from cron.
     */
    public function close(?string $by = null): void {}

    /**
     * For cron (`participa close-due FILE`): closes every process of $site
     * whose voting phase has ended and seals closed secret processes not yet
     * sealed. Returns one row per process it changed: ['process',
     * 'closed_at', 'closed_how' => 'schedule'|'call', 'closed_now',
     * 'sealed'], or ['process', 'error'] for a process that failed (the
     * others still run).
     */
    public static function closeDue(Site $site): array {}

    /**
     * Counts every ballot in the box, streamed from the database into the
     * engine, and stores the result with the SHA-256 of the canonical ballot
     * list (see results()).
     */
    public function tally(): TallyResult {}

    /**
     * The result, if the visibility rule lets $participant (or anyone, when
     * null) see it: method, options, winners, ranking, details, tieBreaks,
     * ballots, web, paper, digest, computed_at, final.
     */
    public function results(?string $participant = null): array {}

    /**
     * The anonymised ballots as 'csv', 'json' or 'pabulib' text, in the
     * canonical order, so anyone can recount and recompute the digest.
     * A budget split by district (pots:) gives one Pabulib file per pot
     * with $options['pot'] (a pot's id, its territory's): that pot's
     * projects and budget and each ballot naming any of them, restricted
     * to them (NotFoundException for an unknown pot).
     */
    public function exportBallots(string $format, array $options = []): string {}
}


/* ===== tally ===== */

/**
 * Counts ballots under one of the tally methods (plurality, approval,
 * score, majority_judgment, borda, irv, stv, schulze, ranked_pairs,
 * copeland, majority, consensus, pb_greedy, pb_equal_shares).
 *
 * @strict-properties
 * @not-serializable
 */
final class Tally
{
    private function __construct() {}

    /**
     * Counts $ballots with $method. Candidates are $options['candidates']
     * when given, else the ids the ballots name, in first-seen order.
     * Throws ValueError for an unknown method or option, and
     * InvalidArgumentException naming the ballot for an invalid ballot
     * (unless $options['invalid'] is 'count').
     */
    public static function count(string $method, array $ballots, array $options = []): TallyResult {}
}

/**
 * The outcome of a count: winners in order of election or rank, the
 * ranking as a list of tiers, method-specific details and every tie that
 * had to be broken.
 *
 * @strict-properties
 * @not-serializable
 */
final class TallyResult
{
    public readonly string $method;
    public readonly array $winners;
    public readonly array $ranking;
    public readonly array $details;
    public readonly array $tieBreaks;

    private function __construct() {}

    /** The same data as a JSON-ready array. */
    public function toArray(): array {}

    /**
     * The result as an HTML fragment (templates/process-results.html):
     * bars, rounds, budgets or the pairwise matrix as inline SVG with a
     * table of the same numbers, in the host's language. $opts: 'title',
     * 'names' (id => display name), 'options' (the count's options, for
     * budgets and project costs), 'state' ('voting' shows the preliminary
     * banner) or 'preliminary' (bool).
     */
    public function html(Host $host, array $opts = []): string {}
}


/* ===== pabulib ===== */

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


/* ===== instruments ===== */

/**
 * A questionnaire or scorecard (`instruments:` in the YAML): its subjects
 * answer about themselves ('self', an institution's role, in the subject's
 * territory), citizens corroborate those answers item by item
 * ('corroboration'), evaluators score ('evaluation'). One response per
 * respondent and subject, saved as a draft and then submitted (final);
 * refused outside the kind's window. Scores are exact: every figure of
 * report() is {num, den} with its display text. Obtained from
 * Site::instrument(). See docs/instruments.md.
 *
 * $answers maps item ids to a value (yes_no: true/false or "yes"/"no";
 * partial: "yes", "partial" or "no"; numeric: an int; choice: an option id;
 * text: a string) or to ['value' => ..., 'evidence' => 'https://...'];
 * null clears an item of a draft. $options: 'as' => 'self' (default),
 * 'corroboration' or 'evaluation'.
 *
 * @strict-properties
 * @not-serializable
 */
final class Instrument
{
    public readonly string $id;

    private function __construct() {}

    /** The definition: dimensions, items, scales, thresholds, respondents and their windows, subjects. */
    public function definition(): array {}

    /** Saves the answers into $participant's draft about $subject (creating it). Returns response(). */
    public function saveDraft(string $participant, string $subject, array $answers, array $options = []): array {}

    /**
     * Submits $participant's response about $subject: the draft with $answers
     * over it. Every required item must be answered, with evidence where
     * required. Final: a second write is a ConflictException. Returns response().
     */
    public function submit(string $participant, string $subject, array $answers = [], array $options = []): array {}

    /** submit() as 'corroboration': a citizen's answers about a subject that has submitted its own. */
    public function corroborate(string $participant, string $subject, array $answers): array {}

    /** $participant's response about $subject (for 'self': the subject's, whoever wrote it), or null. */
    public function response(string $participant, string $subject, array $options = []): ?array {}

    /**
     * Whether $participant may write about $subject now (as $options['as']):
     * null when saveDraft() would be taken, else the refusal it would give,
     * in the site's language (deadline, role, already submitted...). Writes nothing.
     */
    public function refusal(string $participant, string $subject, array $options = []): ?string {}

    /**
     * The scores: response counts and rates, per dimension the self-reported
     * and corroborated shares, thresholds reached, groups, the ranking, and
     * per subject its self, corroboration (with the disagreeing items) and
     * evaluation scores. One streamed read of the submitted answers.
     */
    public function report(): array {}

    /** The report's figures as open data: 'csv' (one row per subject, respondent and dimension) or 'json'. */
    public function export(string $format = 'csv'): string {}

    /**
     * An HTML fragment (templates/instrument-form.html, instrument-report.html) for $viewer:
     * $opts['view'] 'form' (the questionnaire about $opts['subject'], posting instrument.draft and
     * instrument.submit through Request), 'corroborate' (a citizen's corroboration beside the
     * subject's own answers, instrument.corroborate) or 'report' (rates, per dimension bars, the
     * thresholds, the ranking). Without a subject, the form lists the subjects to choose from.
     */
    public function html(Host $host, ?string $viewer = null, array $opts = []): string {}
}


/* ===== commitments ===== */

/**
 * Commitment tracking: action plans' commitments to any depth, evidence,
 * milestones, roll-up progress, a hash-chained history, summaries, open
 * data, assemblies and their agreements. Obtained from Site::commitments().
 *
 * @strict-properties
 * @not-serializable
 */
final class Commitments
{
    private function __construct() {}

    /**
     * Creates or replaces the fields given in $commitment (id, plan, parent,
     * title, description, problem, objective, agency, actors, theme, pillars,
     * territory, start_date, due_date, budget, weight, status, progress,
     * verification, evidence, milestones) as $by (needs update_commitment;
     * a status change must be a transition the YAML allows to one of $by's
     * roles). Returns get().
     */
    public function upsert(array $commitment, string $by, string $note = ''): array {}

    /**
     * Changes an existing commitment: any field but id, plan and parent, plus
     * 'add_evidence' (one item or a list) to append evidence. Returns get().
     */
    public function update(string $id, array $changes, string $by, string $note = ''): array {}

    /**
     * One commitment with its evidence, milestones, 'light' (traffic light on
     * $asOf, default today), 'completion' (OGP level) and labels; null if unknown.
     */
    public function get(string $id, ?string $asOf = null): ?array {}

    /**
     * get() plus 'children' (direct sub-commitments) and 'thread': the
     * commitment's deliberation thread page ($threadOpts as Thread::page())
     * with 'official_answers' listed apart.
     */
    public function view(string $id, array $threadOpts = []): array {}

    /** Direct sub-commitments, by id. */
    public function children(string $id): array {}

    /**
     * Commitments matching $filters: plan, parent, theme, pillar, status,
     * agency, territory, roots (bool), light (on_track|at_risk|late|done|
     * closed|unscheduled), as_of, limit. Parents before children.
     */
    public function list(array $filters = []): array {}

    /** The events of one commitment, oldest first, with their hashes. */
    public function history(string $id): array {}

    /**
     * Walks the whole history chain recomputing every hash. ['ok', 'events',
     * 'first_bad' => null | ['seq', 'commitment', 'reason']].
     */
    public function verify(): array {}

    /**
     * Counts by theme, pillar, status, territory, agency or plan: ['by',
     * 'total', 'groups' => [['key', 'label', 'count', 'percent',
     * 'avg_progress', 'late'], ...]]. $opts: plan, as_of, all_levels
     * (default: top-level commitments only).
     */
    public function summary(string $by, array $opts = []): array {}

    /** Every field of every commitment of $plan as 'csv' (RFC 4180) or 'json'; $opts: bom (bool, CSV). */
    public function export(string $format, string $plan, array $opts = []): string {}

    /**
     * Upserts by id from an export, all rows in one transaction or none.
     * Every error of every row is listed with its row and column (JSON: the
     * field), at most 1000; with any error nothing is written. A dry run
     * runs the same write and rolls it back. ['errors' => [...], 'changes' =>
     * [['id', 'action' (create|update|unchanged), 'changes']], 'applied' => int].
     */
    public function import(string $data, string $format, bool $dryRun = false, string $by = 'participa:import'): array {}

    /**
     * Records an assembly (territory, held_on, place, attendance, attendees,
     * agenda, minutes, agreements) as $by (needs record_assembly). With
     * attendance at least assemblies.min_attendance, each agreement becomes a
     * commitment of the territory's local development agenda. Returns
     * ['id', 'commitments' => [ids]].
     */
    public function recordAssembly(array $assembly, string $by): array {}

    /** Assemblies of a territory (null: all), newest first, with attendees and agreements. */
    public function assemblies(?string $territory = null): array {}

    /**
     * The commitment's page for citizens (templates/commitment-page.html):
     * objective, budget, verification, parent and children with their
     * status, progress, the traffic light in words, milestones, evidence,
     * official answers, the last update; for a $viewer who may update it,
     * the progress form (Request action commitments.progress). $opts:
     * 'thread' (Thread::page() options).
     */
    public function html(Host $host, string $id, ?string $viewer = null, array $opts = []): string {}

    /**
     * A plan's dashboard (templates/plan-dashboard.html): overall progress,
     * the theme x status and pillar charts with their tables, the traffic
     * lights, milestones on a timeline, late commitments first. $opts:
     * 'as_of' (YYYY-MM-DD, default today).
     */
    public function planHtml(Host $host, string $plan, array $opts = []): string {}

    /**
     * The record of a territory's assemblies (null: all) with each
     * agreement's follow-up, and for an $official with record_assembly
     * the form to record one (Request action commitments.assembly).
     */
    public function assemblyHtml(Host $host, ?string $territory, ?string $official = null, array $opts = []): string {}
}


/* ===== template ===== */

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

/* ---- fragments: the host contract and form posts (docs/fragments/host-contract.md) ---- */

/**
 * What a host page tells the fragments (docs/fragments/host-contract.md):
 * 'url' (a link template containing "{params}", e.g. "/consulta/?{params}",
 * or a callable returning it), 'post_url' (where forms post), 'here' (this
 * page: forms return to it), 'params' (the host's names of the logical
 * parameters cursor, replies, receipt, view), 'token' (['name' => ...,
 * 'value' => ...], a hidden field of every form), 'names' (callable(array
 * $ids): array of id => display name, called once per render, or such an
 * array), 'heading' (1..6, default 2), 'instance' (prefix of every element
 * id), 'lang' ('es' or 'en'), 'timezone', 'outcome' (an earlier
 * Request::handle() answer, to show its errors and draft).
 *
 * @strict-properties
 * @not-serializable
 */
final class Host
{
    private array $contract;
    private ?array $outcome = null;

    public function __construct(array $contract) {}
}

/**
 * A fragment's form post: new Request($site, $host), then handle($_POST,
 * $participant) performs the action and returns ['ok', 'action', 'message',
 * 'errors' => [field => text], 'draft' => [field => value], 'redirect']; it
 * never echoes. The host checks its token first and redirects to 'redirect'.
 *
 * @strict-properties
 * @not-serializable
 */
final class Request
{
    private Site $site;
    private Host $host;

    public function __construct(Site $site, Host $host) {}

    public function handle(array $post, ?string $participant): array {}
}


}
