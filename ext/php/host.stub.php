<?php

/** @generate-class-entries */

namespace Participa {

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
    public function __construct(Site $site, Host $host) {}

    public function handle(array $post, ?string $participant): array {}
}

}
