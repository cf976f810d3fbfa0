<?php

/** @generate-class-entries */

namespace Participa {

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

}
