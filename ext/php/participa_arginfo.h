/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 5aca0f73cd1527348402508e59e30af7f81727c7 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Exception_publicMessage, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_InvalidArgumentException_publicMessage arginfo_class_Participa_Exception_publicMessage

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_InvalidArgumentException_getIndex, 0, 0, IS_LONG, 1)
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_RuntimeException_publicMessage arginfo_class_Participa_Exception_publicMessage

#define arginfo_class_Participa_RuntimeException_getIndex arginfo_class_Participa_InvalidArgumentException_getIndex

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_ConfigException_getColumn, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_ConfigException_getProblems, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_DatabaseException_getSqlState arginfo_class_Participa_Exception_publicMessage

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Participa_Site___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Participa_Site_open, 0, 0, Participa\\Site, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, configPath, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Site_check, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, configPath, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Site_versions arginfo_class_Participa_ConfigException_getProblems

#define arginfo_class_Participa_Site_stats arginfo_class_Participa_ConfigException_getProblems

#define arginfo_class_Participa_Site_migrate arginfo_class_Participa_ConfigException_getProblems

#define arginfo_class_Participa_Site_info arginfo_class_Participa_ConfigException_getProblems

#define arginfo_class_Participa_Site_roles arginfo_class_Participa_ConfigException_getProblems

#define arginfo_class_Participa_Site_territories arginfo_class_Participa_ConfigException_getProblems

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Site_territory, 0, 1, IS_ARRAY, 1)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Site_territoryWithin, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, territory, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, ancestor, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Site_body, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, date, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_Participa_Site_responsibilityReport, 0, 1, MAY_BE_ARRAY|MAY_BE_STRING)
	ZEND_ARG_TYPE_INFO(0, of, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, date, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, format, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Site_responsibilityHtml, 0, 2, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO(0, host, Participa\\Host, 0)
	ZEND_ARG_TYPE_INFO(0, of, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, date, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Participa_Site_thread, 0, 2, Participa\\Thread, 0)
	ZEND_ARG_TYPE_INFO(0, subjectType, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, subjectId, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Participa_Site_moderation, 0, 0, Participa\\Moderation, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Participa_Site_participants, 0, 0, Participa\\Participants, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Participa_Site_commitments, 0, 0, Participa\\Commitments, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Participa_Site_process, 0, 1, Participa\\Process, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_MASK_EX(arginfo_class_Participa_Site_processTemplate, 0, 1, MAY_BE_ARRAY|MAY_BE_STRING)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, format, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Site_processTemplateHtml, 0, 2, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO(0, host, Participa\\Host, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Site_closeTemplate, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, by, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Participa_Site_instrument, 0, 1, Participa\\Instrument, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Participants___construct arginfo_class_Participa_Site___construct

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Participants_upsert, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, territory, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, roles, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Participants_get arginfo_class_Participa_Site_territory

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Participants_ban, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, moderator, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, reason, IS_STRING, 0, "\'\'")
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Participants_unban arginfo_class_Participa_Participants_ban

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Participants_export, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Participants_erase arginfo_class_Participa_Participants_export

#define arginfo_class_Participa_Thread___construct arginfo_class_Participa_Site___construct

#define arginfo_class_Participa_Thread_info arginfo_class_Participa_ConfigException_getProblems

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Thread_post, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, participant, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, opts, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Thread_edit, 0, 3, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, commentId, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, participant, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, body, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Thread_delete, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, commentId, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, participant, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Thread_markOfficial, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, commentId, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, official, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Thread_history, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, commentId, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, viewer, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Thread_react, 0, 3, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, commentId, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, participant, IS_STRING, 0)
	ZEND_ARG_OBJ_TYPE_MASK(0, reaction, Participa\\Reaction, MAY_BE_STRING, NULL)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Thread_flag, 0, 3, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, commentId, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, participant, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, reason, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Thread_page, 0, 0, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, opts, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Thread_replies, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, commentId, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, opts, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Thread_setPremoderate, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, on, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, moderator, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, reason, IS_STRING, 0, "\'\'")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Thread_html, 0, 1, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO(0, host, Participa\\Host, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, viewer, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, opts, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Moderation___construct arginfo_class_Participa_Site___construct

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Moderation_queue, 0, 0, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, filters, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Moderation_approve, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, commentId, IS_LONG, 0)
	ZEND_ARG_TYPE_INFO(0, moderator, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, reason, IS_STRING, 0, "\'\'")
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Moderation_reject arginfo_class_Participa_Moderation_approve

#define arginfo_class_Participa_Moderation_hide arginfo_class_Participa_Moderation_approve

#define arginfo_class_Participa_Moderation_restore arginfo_class_Participa_Moderation_approve

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Moderation_ban, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, participant, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, moderator, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, reason, IS_STRING, 0, "\'\'")
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Moderation_unban arginfo_class_Participa_Moderation_ban

#define arginfo_class_Participa_Moderation_log arginfo_class_Participa_Moderation_queue

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Moderation_html, 0, 2, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO(0, host, Participa\\Host, 0)
	ZEND_ARG_TYPE_INFO(0, moderator, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, filters, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Process___construct arginfo_class_Participa_Site___construct

#define arginfo_class_Participa_Process_info arginfo_class_Participa_ConfigException_getProblems

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Process_cast, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, participant, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, ballot, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, meta, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Process_status, 0, 0, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, participant, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Process_html arginfo_class_Participa_Thread_html

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Process_verifyReceipt, 0, 1, IS_ARRAY, 1)
	ZEND_ARG_TYPE_INFO(0, receipt, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Process_propose, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, participant, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, option, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Process_options arginfo_class_Participa_ConfigException_getProblems

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Process_withdraw, 0, 3, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, official, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, optionId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, reason, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Process_enterPaperBatch, 0, 5, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, official, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, batchId, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, assembly, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, tallySheet, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, ballots, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Process_close, 0, 0, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, by, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Process_closeDue, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_OBJ_INFO(0, site, Participa\\Site, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Participa_Process_tally, 0, 0, Participa\\TallyResult, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Process_results arginfo_class_Participa_Process_status

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Process_exportBallots, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, format, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Tally___construct arginfo_class_Participa_Site___construct

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Participa_Tally_count, 0, 2, Participa\\TallyResult, 0)
	ZEND_ARG_TYPE_INFO(0, method, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, ballots, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_TallyResult___construct arginfo_class_Participa_Site___construct

#define arginfo_class_Participa_TallyResult_toArray arginfo_class_Participa_ConfigException_getProblems

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_TallyResult_html, 0, 1, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO(0, host, Participa\\Host, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, opts, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Pabulib___construct arginfo_class_Participa_Site___construct

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Pabulib_read, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Pabulib_write, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, data, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Instrument___construct arginfo_class_Participa_Site___construct

#define arginfo_class_Participa_Instrument_definition arginfo_class_Participa_ConfigException_getProblems

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Instrument_saveDraft, 0, 3, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, participant, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, subject, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, answers, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Instrument_submit, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, participant, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, subject, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, answers, IS_ARRAY, 0, "[]")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Instrument_corroborate, 0, 3, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, participant, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, subject, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, answers, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Instrument_response, 0, 2, IS_ARRAY, 1)
	ZEND_ARG_TYPE_INFO(0, participant, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, subject, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Instrument_refusal, 0, 2, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO(0, participant, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, subject, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Instrument_report arginfo_class_Participa_ConfigException_getProblems

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Instrument_export, 0, 0, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, format, IS_STRING, 0, "\'csv\'")
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Instrument_html arginfo_class_Participa_Thread_html

#define arginfo_class_Participa_Commitments___construct arginfo_class_Participa_Site___construct

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Commitments_upsert, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, commitment, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, by, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, note, IS_STRING, 0, "\'\'")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Commitments_update, 0, 3, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, changes, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, by, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, note, IS_STRING, 0, "\'\'")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Commitments_get, 0, 1, IS_ARRAY, 1)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, asOf, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Commitments_view, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, threadOpts, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Commitments_children arginfo_class_Participa_Participants_export

#define arginfo_class_Participa_Commitments_list arginfo_class_Participa_Moderation_queue

#define arginfo_class_Participa_Commitments_history arginfo_class_Participa_Participants_export

#define arginfo_class_Participa_Commitments_verify arginfo_class_Participa_ConfigException_getProblems

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Commitments_summary, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, by, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, opts, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Commitments_export, 0, 2, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, format, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, plan, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, opts, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Commitments_import, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, data, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, format, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, dryRun, _IS_BOOL, 0, "false")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, by, IS_STRING, 0, "\'participa:import\'")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Commitments_recordAssembly, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, assembly, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, by, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Commitments_assemblies, 0, 0, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, territory, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Commitments_html, 0, 2, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO(0, host, Participa\\Host, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, viewer, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, opts, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Commitments_planHtml, 0, 2, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO(0, host, Participa\\Host, 0)
	ZEND_ARG_TYPE_INFO(0, plan, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, opts, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Commitments_assemblyHtml, 0, 2, IS_STRING, 0)
	ZEND_ARG_OBJ_INFO(0, host, Participa\\Host, 0)
	ZEND_ARG_TYPE_INFO(0, territory, IS_STRING, 1)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, official, IS_STRING, 1, "null")
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, opts, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Template___construct arginfo_class_Participa_Site___construct

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Template_render, 0, 2, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, template, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, data, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, partials, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Template_cacheInfo arginfo_class_Participa_ConfigException_getProblems

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Participa_Host___construct, 0, 0, 1)
	ZEND_ARG_TYPE_INFO(0, contract, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Participa_Request___construct, 0, 0, 2)
	ZEND_ARG_OBJ_INFO(0, site, Participa\\Site, 0)
	ZEND_ARG_OBJ_INFO(0, host, Participa\\Host, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Request_handle, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, post, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, participant, IS_STRING, 1)
ZEND_END_ARG_INFO()


ZEND_METHOD(Participa_InvalidArgumentException, publicMessage);
ZEND_METHOD(Participa_InvalidArgumentException, getIndex);
ZEND_METHOD(Participa_ConfigException, getColumn);
ZEND_METHOD(Participa_ConfigException, getProblems);
ZEND_METHOD(Participa_DatabaseException, getSqlState);
ZEND_METHOD(Participa_Site, __construct);
ZEND_METHOD(Participa_Site, open);
ZEND_METHOD(Participa_Site, check);
ZEND_METHOD(Participa_Site, versions);
ZEND_METHOD(Participa_Site, stats);
ZEND_METHOD(Participa_Site, migrate);
ZEND_METHOD(Participa_Site, info);
ZEND_METHOD(Participa_Site, roles);
ZEND_METHOD(Participa_Site, territories);
ZEND_METHOD(Participa_Site, territory);
ZEND_METHOD(Participa_Site, territoryWithin);
ZEND_METHOD(Participa_Site, body);
ZEND_METHOD(Participa_Site, responsibilityReport);
ZEND_METHOD(Participa_Site, responsibilityHtml);
ZEND_METHOD(Participa_Site, thread);
ZEND_METHOD(Participa_Site, moderation);
ZEND_METHOD(Participa_Site, participants);
ZEND_METHOD(Participa_Site, commitments);
ZEND_METHOD(Participa_Site, process);
ZEND_METHOD(Participa_Site, processTemplate);
ZEND_METHOD(Participa_Site, processTemplateHtml);
ZEND_METHOD(Participa_Site, closeTemplate);
ZEND_METHOD(Participa_Site, instrument);
ZEND_METHOD(Participa_Participants, __construct);
ZEND_METHOD(Participa_Participants, upsert);
ZEND_METHOD(Participa_Participants, get);
ZEND_METHOD(Participa_Participants, ban);
ZEND_METHOD(Participa_Participants, unban);
ZEND_METHOD(Participa_Participants, export);
ZEND_METHOD(Participa_Participants, erase);
ZEND_METHOD(Participa_Thread, __construct);
ZEND_METHOD(Participa_Thread, info);
ZEND_METHOD(Participa_Thread, post);
ZEND_METHOD(Participa_Thread, edit);
ZEND_METHOD(Participa_Thread, delete);
ZEND_METHOD(Participa_Thread, markOfficial);
ZEND_METHOD(Participa_Thread, history);
ZEND_METHOD(Participa_Thread, react);
ZEND_METHOD(Participa_Thread, flag);
ZEND_METHOD(Participa_Thread, page);
ZEND_METHOD(Participa_Thread, replies);
ZEND_METHOD(Participa_Thread, setPremoderate);
ZEND_METHOD(Participa_Thread, html);
ZEND_METHOD(Participa_Moderation, __construct);
ZEND_METHOD(Participa_Moderation, queue);
ZEND_METHOD(Participa_Moderation, approve);
ZEND_METHOD(Participa_Moderation, reject);
ZEND_METHOD(Participa_Moderation, hide);
ZEND_METHOD(Participa_Moderation, restore);
ZEND_METHOD(Participa_Moderation, ban);
ZEND_METHOD(Participa_Moderation, unban);
ZEND_METHOD(Participa_Moderation, log);
ZEND_METHOD(Participa_Moderation, html);
ZEND_METHOD(Participa_Process, __construct);
ZEND_METHOD(Participa_Process, info);
ZEND_METHOD(Participa_Process, cast);
ZEND_METHOD(Participa_Process, status);
ZEND_METHOD(Participa_Process, html);
ZEND_METHOD(Participa_Process, verifyReceipt);
ZEND_METHOD(Participa_Process, propose);
ZEND_METHOD(Participa_Process, options);
ZEND_METHOD(Participa_Process, withdraw);
ZEND_METHOD(Participa_Process, enterPaperBatch);
ZEND_METHOD(Participa_Process, close);
ZEND_METHOD(Participa_Process, closeDue);
ZEND_METHOD(Participa_Process, tally);
ZEND_METHOD(Participa_Process, results);
ZEND_METHOD(Participa_Process, exportBallots);
ZEND_METHOD(Participa_Tally, __construct);
ZEND_METHOD(Participa_Tally, count);
ZEND_METHOD(Participa_TallyResult, __construct);
ZEND_METHOD(Participa_TallyResult, toArray);
ZEND_METHOD(Participa_TallyResult, html);
ZEND_METHOD(Participa_Pabulib, __construct);
ZEND_METHOD(Participa_Pabulib, read);
ZEND_METHOD(Participa_Pabulib, write);
ZEND_METHOD(Participa_Instrument, __construct);
ZEND_METHOD(Participa_Instrument, definition);
ZEND_METHOD(Participa_Instrument, saveDraft);
ZEND_METHOD(Participa_Instrument, submit);
ZEND_METHOD(Participa_Instrument, corroborate);
ZEND_METHOD(Participa_Instrument, response);
ZEND_METHOD(Participa_Instrument, refusal);
ZEND_METHOD(Participa_Instrument, report);
ZEND_METHOD(Participa_Instrument, export);
ZEND_METHOD(Participa_Instrument, html);
ZEND_METHOD(Participa_Commitments, __construct);
ZEND_METHOD(Participa_Commitments, upsert);
ZEND_METHOD(Participa_Commitments, update);
ZEND_METHOD(Participa_Commitments, get);
ZEND_METHOD(Participa_Commitments, view);
ZEND_METHOD(Participa_Commitments, children);
ZEND_METHOD(Participa_Commitments, list);
ZEND_METHOD(Participa_Commitments, history);
ZEND_METHOD(Participa_Commitments, verify);
ZEND_METHOD(Participa_Commitments, summary);
ZEND_METHOD(Participa_Commitments, export);
ZEND_METHOD(Participa_Commitments, import);
ZEND_METHOD(Participa_Commitments, recordAssembly);
ZEND_METHOD(Participa_Commitments, assemblies);
ZEND_METHOD(Participa_Commitments, html);
ZEND_METHOD(Participa_Commitments, planHtml);
ZEND_METHOD(Participa_Commitments, assemblyHtml);
ZEND_METHOD(Participa_Template, __construct);
ZEND_METHOD(Participa_Template, render);
ZEND_METHOD(Participa_Template, cacheInfo);
ZEND_METHOD(Participa_Host, __construct);
ZEND_METHOD(Participa_Request, __construct);
ZEND_METHOD(Participa_Request, handle);


static const zend_function_entry class_Participa_Exception_methods[] = {
	ZEND_ABSTRACT_ME_WITH_FLAGS(Participa_Exception, publicMessage, arginfo_class_Participa_Exception_publicMessage, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_InvalidArgumentException_methods[] = {
	ZEND_ME(Participa_InvalidArgumentException, publicMessage, arginfo_class_Participa_InvalidArgumentException_publicMessage, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_InvalidArgumentException, getIndex, arginfo_class_Participa_InvalidArgumentException_getIndex, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_RuntimeException_methods[] = {
	ZEND_MALIAS(Participa_InvalidArgumentException, publicMessage, publicMessage, arginfo_class_Participa_RuntimeException_publicMessage, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(Participa_InvalidArgumentException, getIndex, getIndex, arginfo_class_Participa_RuntimeException_getIndex, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_ConfigException_methods[] = {
	ZEND_ME(Participa_ConfigException, getColumn, arginfo_class_Participa_ConfigException_getColumn, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_ConfigException, getProblems, arginfo_class_Participa_ConfigException_getProblems, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_DatabaseException_methods[] = {
	ZEND_ME(Participa_DatabaseException, getSqlState, arginfo_class_Participa_DatabaseException_getSqlState, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_NotAllowedException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Participa_ConflictException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Participa_NotFoundException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Participa_Sort_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Participa_Reaction_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Participa_Alignment_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Participa_Secrecy_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Participa_ResultsVisibility_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Participa_Site_methods[] = {
	ZEND_ME(Participa_Site, __construct, arginfo_class_Participa_Site___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Participa_Site, open, arginfo_class_Participa_Site_open, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Participa_Site, check, arginfo_class_Participa_Site_check, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Participa_Site, versions, arginfo_class_Participa_Site_versions, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Participa_Site, stats, arginfo_class_Participa_Site_stats, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Participa_Site, migrate, arginfo_class_Participa_Site_migrate, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Site, info, arginfo_class_Participa_Site_info, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Site, roles, arginfo_class_Participa_Site_roles, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Site, territories, arginfo_class_Participa_Site_territories, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Site, territory, arginfo_class_Participa_Site_territory, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Site, territoryWithin, arginfo_class_Participa_Site_territoryWithin, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Site, body, arginfo_class_Participa_Site_body, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Site, responsibilityReport, arginfo_class_Participa_Site_responsibilityReport, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Site, responsibilityHtml, arginfo_class_Participa_Site_responsibilityHtml, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Site, thread, arginfo_class_Participa_Site_thread, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Site, moderation, arginfo_class_Participa_Site_moderation, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Site, participants, arginfo_class_Participa_Site_participants, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Site, commitments, arginfo_class_Participa_Site_commitments, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Site, process, arginfo_class_Participa_Site_process, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Site, processTemplate, arginfo_class_Participa_Site_processTemplate, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Site, processTemplateHtml, arginfo_class_Participa_Site_processTemplateHtml, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Site, closeTemplate, arginfo_class_Participa_Site_closeTemplate, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Site, instrument, arginfo_class_Participa_Site_instrument, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_Participants_methods[] = {
	ZEND_ME(Participa_Participants, __construct, arginfo_class_Participa_Participants___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Participa_Participants, upsert, arginfo_class_Participa_Participants_upsert, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Participants, get, arginfo_class_Participa_Participants_get, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Participants, ban, arginfo_class_Participa_Participants_ban, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Participants, unban, arginfo_class_Participa_Participants_unban, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Participants, export, arginfo_class_Participa_Participants_export, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Participants, erase, arginfo_class_Participa_Participants_erase, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_Thread_methods[] = {
	ZEND_ME(Participa_Thread, __construct, arginfo_class_Participa_Thread___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Participa_Thread, info, arginfo_class_Participa_Thread_info, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Thread, post, arginfo_class_Participa_Thread_post, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Thread, edit, arginfo_class_Participa_Thread_edit, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Thread, delete, arginfo_class_Participa_Thread_delete, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Thread, markOfficial, arginfo_class_Participa_Thread_markOfficial, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Thread, history, arginfo_class_Participa_Thread_history, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Thread, react, arginfo_class_Participa_Thread_react, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Thread, flag, arginfo_class_Participa_Thread_flag, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Thread, page, arginfo_class_Participa_Thread_page, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Thread, replies, arginfo_class_Participa_Thread_replies, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Thread, setPremoderate, arginfo_class_Participa_Thread_setPremoderate, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Thread, html, arginfo_class_Participa_Thread_html, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_Moderation_methods[] = {
	ZEND_ME(Participa_Moderation, __construct, arginfo_class_Participa_Moderation___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Participa_Moderation, queue, arginfo_class_Participa_Moderation_queue, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Moderation, approve, arginfo_class_Participa_Moderation_approve, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Moderation, reject, arginfo_class_Participa_Moderation_reject, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Moderation, hide, arginfo_class_Participa_Moderation_hide, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Moderation, restore, arginfo_class_Participa_Moderation_restore, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Moderation, ban, arginfo_class_Participa_Moderation_ban, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Moderation, unban, arginfo_class_Participa_Moderation_unban, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Moderation, log, arginfo_class_Participa_Moderation_log, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Moderation, html, arginfo_class_Participa_Moderation_html, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_Process_methods[] = {
	ZEND_ME(Participa_Process, __construct, arginfo_class_Participa_Process___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Participa_Process, info, arginfo_class_Participa_Process_info, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Process, cast, arginfo_class_Participa_Process_cast, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Process, status, arginfo_class_Participa_Process_status, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Process, html, arginfo_class_Participa_Process_html, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Process, verifyReceipt, arginfo_class_Participa_Process_verifyReceipt, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Process, propose, arginfo_class_Participa_Process_propose, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Process, options, arginfo_class_Participa_Process_options, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Process, withdraw, arginfo_class_Participa_Process_withdraw, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Process, enterPaperBatch, arginfo_class_Participa_Process_enterPaperBatch, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Process, close, arginfo_class_Participa_Process_close, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Process, closeDue, arginfo_class_Participa_Process_closeDue, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Participa_Process, tally, arginfo_class_Participa_Process_tally, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Process, results, arginfo_class_Participa_Process_results, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Process, exportBallots, arginfo_class_Participa_Process_exportBallots, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_Tally_methods[] = {
	ZEND_ME(Participa_Tally, __construct, arginfo_class_Participa_Tally___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Participa_Tally, count, arginfo_class_Participa_Tally_count, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_TallyResult_methods[] = {
	ZEND_ME(Participa_TallyResult, __construct, arginfo_class_Participa_TallyResult___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Participa_TallyResult, toArray, arginfo_class_Participa_TallyResult_toArray, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_TallyResult, html, arginfo_class_Participa_TallyResult_html, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_Pabulib_methods[] = {
	ZEND_ME(Participa_Pabulib, __construct, arginfo_class_Participa_Pabulib___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Participa_Pabulib, read, arginfo_class_Participa_Pabulib_read, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Participa_Pabulib, write, arginfo_class_Participa_Pabulib_write, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_Instrument_methods[] = {
	ZEND_ME(Participa_Instrument, __construct, arginfo_class_Participa_Instrument___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Participa_Instrument, definition, arginfo_class_Participa_Instrument_definition, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Instrument, saveDraft, arginfo_class_Participa_Instrument_saveDraft, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Instrument, submit, arginfo_class_Participa_Instrument_submit, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Instrument, corroborate, arginfo_class_Participa_Instrument_corroborate, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Instrument, response, arginfo_class_Participa_Instrument_response, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Instrument, refusal, arginfo_class_Participa_Instrument_refusal, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Instrument, report, arginfo_class_Participa_Instrument_report, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Instrument, export, arginfo_class_Participa_Instrument_export, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Instrument, html, arginfo_class_Participa_Instrument_html, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_Commitments_methods[] = {
	ZEND_ME(Participa_Commitments, __construct, arginfo_class_Participa_Commitments___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Participa_Commitments, upsert, arginfo_class_Participa_Commitments_upsert, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Commitments, update, arginfo_class_Participa_Commitments_update, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Commitments, get, arginfo_class_Participa_Commitments_get, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Commitments, view, arginfo_class_Participa_Commitments_view, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Commitments, children, arginfo_class_Participa_Commitments_children, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Commitments, list, arginfo_class_Participa_Commitments_list, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Commitments, history, arginfo_class_Participa_Commitments_history, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Commitments, verify, arginfo_class_Participa_Commitments_verify, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Commitments, summary, arginfo_class_Participa_Commitments_summary, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Commitments, export, arginfo_class_Participa_Commitments_export, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Commitments, import, arginfo_class_Participa_Commitments_import, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Commitments, recordAssembly, arginfo_class_Participa_Commitments_recordAssembly, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Commitments, assemblies, arginfo_class_Participa_Commitments_assemblies, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Commitments, html, arginfo_class_Participa_Commitments_html, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Commitments, planHtml, arginfo_class_Participa_Commitments_planHtml, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Commitments, assemblyHtml, arginfo_class_Participa_Commitments_assemblyHtml, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_Template_methods[] = {
	ZEND_ME(Participa_Template, __construct, arginfo_class_Participa_Template___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Participa_Template, render, arginfo_class_Participa_Template_render, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Participa_Template, cacheInfo, arginfo_class_Participa_Template_cacheInfo, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_Host_methods[] = {
	ZEND_ME(Participa_Host, __construct, arginfo_class_Participa_Host___construct, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_Request_methods[] = {
	ZEND_ME(Participa_Request, __construct, arginfo_class_Participa_Request___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Request, handle, arginfo_class_Participa_Request_handle, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Participa_Exception(zend_class_entry *class_entry_Throwable)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Exception", class_Participa_Exception_methods);
	class_entry = zend_register_internal_interface(&ce);
	zend_class_implements(class_entry, 1, class_entry_Throwable);

	return class_entry;
}

static zend_class_entry *register_class_Participa_InvalidArgumentException(zend_class_entry *class_entry_InvalidArgumentException, zend_class_entry *class_entry_Participa_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "InvalidArgumentException", class_Participa_InvalidArgumentException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_InvalidArgumentException);
	zend_class_implements(class_entry, 1, class_entry_Participa_Exception);

	zval property_publicMessage_default_value;
	ZVAL_EMPTY_STRING(&property_publicMessage_default_value);
	zend_string *property_publicMessage_name = zend_string_init("publicMessage", sizeof("publicMessage") - 1, 1);
	zend_declare_typed_property(class_entry, property_publicMessage_name, &property_publicMessage_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_publicMessage_name);

	zval property_index_default_value;
	ZVAL_NULL(&property_index_default_value);
	zend_string *property_index_name = zend_string_init("index", sizeof("index") - 1, 1);
	zend_declare_typed_property(class_entry, property_index_name, &property_index_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG|MAY_BE_NULL));
	zend_string_release(property_index_name);

	return class_entry;
}

static zend_class_entry *register_class_Participa_RuntimeException(zend_class_entry *class_entry_RuntimeException, zend_class_entry *class_entry_Participa_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "RuntimeException", class_Participa_RuntimeException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	zend_class_implements(class_entry, 1, class_entry_Participa_Exception);

	zval property_publicMessage_default_value;
	ZVAL_EMPTY_STRING(&property_publicMessage_default_value);
	zend_string *property_publicMessage_name = zend_string_init("publicMessage", sizeof("publicMessage") - 1, 1);
	zend_declare_typed_property(class_entry, property_publicMessage_name, &property_publicMessage_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_publicMessage_name);

	zval property_index_default_value;
	ZVAL_NULL(&property_index_default_value);
	zend_string *property_index_name = zend_string_init("index", sizeof("index") - 1, 1);
	zend_declare_typed_property(class_entry, property_index_name, &property_index_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG|MAY_BE_NULL));
	zend_string_release(property_index_name);

	return class_entry;
}

static zend_class_entry *register_class_Participa_ConfigException(zend_class_entry *class_entry_Participa_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "ConfigException", class_Participa_ConfigException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Participa_RuntimeException);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES;

	zval property_column_default_value;
	ZVAL_LONG(&property_column_default_value, 0);
	zend_string *property_column_name = zend_string_init("column", sizeof("column") - 1, 1);
	zend_declare_typed_property(class_entry, property_column_name, &property_column_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_column_name);

	zval property_problems_default_value;
	ZVAL_EMPTY_ARRAY(&property_problems_default_value);
	zend_string *property_problems_name = zend_string_init("problems", sizeof("problems") - 1, 1);
	zend_declare_typed_property(class_entry, property_problems_name, &property_problems_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_problems_name);

	return class_entry;
}

static zend_class_entry *register_class_Participa_DatabaseException(zend_class_entry *class_entry_Participa_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "DatabaseException", class_Participa_DatabaseException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Participa_RuntimeException);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES;

	zval property_sqlState_default_value;
	ZVAL_EMPTY_STRING(&property_sqlState_default_value);
	zend_string *property_sqlState_name = zend_string_init("sqlState", sizeof("sqlState") - 1, 1);
	zend_declare_typed_property(class_entry, property_sqlState_name, &property_sqlState_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_sqlState_name);

	return class_entry;
}

static zend_class_entry *register_class_Participa_NotAllowedException(zend_class_entry *class_entry_Participa_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "NotAllowedException", class_Participa_NotAllowedException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Participa_RuntimeException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}

static zend_class_entry *register_class_Participa_ConflictException(zend_class_entry *class_entry_Participa_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "ConflictException", class_Participa_ConflictException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Participa_RuntimeException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}

static zend_class_entry *register_class_Participa_NotFoundException(zend_class_entry *class_entry_Participa_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "NotFoundException", class_Participa_NotFoundException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Participa_RuntimeException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}

static zend_class_entry *register_class_Participa_Sort(void)
{
	zend_class_entry *class_entry = zend_register_internal_enum("Participa\\Sort", IS_STRING, class_Participa_Sort_methods);

	zval enum_case_Oldest_value;
	zend_string *enum_case_Oldest_value_str = zend_string_init("oldest", strlen("oldest"), 1);
	ZVAL_STR(&enum_case_Oldest_value, enum_case_Oldest_value_str);
	zend_enum_add_case_cstr(class_entry, "Oldest", &enum_case_Oldest_value);

	zval enum_case_Newest_value;
	zend_string *enum_case_Newest_value_str = zend_string_init("newest", strlen("newest"), 1);
	ZVAL_STR(&enum_case_Newest_value, enum_case_Newest_value_str);
	zend_enum_add_case_cstr(class_entry, "Newest", &enum_case_Newest_value);

	zval enum_case_Top_value;
	zend_string *enum_case_Top_value_str = zend_string_init("top", strlen("top"), 1);
	ZVAL_STR(&enum_case_Top_value, enum_case_Top_value_str);
	zend_enum_add_case_cstr(class_entry, "Top", &enum_case_Top_value);

	zval enum_case_Discussed_value;
	zend_string *enum_case_Discussed_value_str = zend_string_init("discussed", strlen("discussed"), 1);
	ZVAL_STR(&enum_case_Discussed_value, enum_case_Discussed_value_str);
	zend_enum_add_case_cstr(class_entry, "Discussed", &enum_case_Discussed_value);

	zval enum_case_Controversial_value;
	zend_string *enum_case_Controversial_value_str = zend_string_init("controversial", strlen("controversial"), 1);
	ZVAL_STR(&enum_case_Controversial_value, enum_case_Controversial_value_str);
	zend_enum_add_case_cstr(class_entry, "Controversial", &enum_case_Controversial_value);

	return class_entry;
}

static zend_class_entry *register_class_Participa_Reaction(void)
{
	zend_class_entry *class_entry = zend_register_internal_enum("Participa\\Reaction", IS_STRING, class_Participa_Reaction_methods);

	zval enum_case_Up_value;
	zend_string *enum_case_Up_value_str = zend_string_init("up", strlen("up"), 1);
	ZVAL_STR(&enum_case_Up_value, enum_case_Up_value_str);
	zend_enum_add_case_cstr(class_entry, "Up", &enum_case_Up_value);

	zval enum_case_Down_value;
	zend_string *enum_case_Down_value_str = zend_string_init("down", strlen("down"), 1);
	ZVAL_STR(&enum_case_Down_value, enum_case_Down_value_str);
	zend_enum_add_case_cstr(class_entry, "Down", &enum_case_Down_value);

	zval enum_case_None_value;
	zend_string *enum_case_None_value_str = zend_string_init("none", strlen("none"), 1);
	ZVAL_STR(&enum_case_None_value, enum_case_None_value_str);
	zend_enum_add_case_cstr(class_entry, "None", &enum_case_None_value);

	zval enum_case_Agree_value;
	zend_string *enum_case_Agree_value_str = zend_string_init("agree", strlen("agree"), 1);
	ZVAL_STR(&enum_case_Agree_value, enum_case_Agree_value_str);
	zend_enum_add_case_cstr(class_entry, "Agree", &enum_case_Agree_value);

	zval enum_case_Disagree_value;
	zend_string *enum_case_Disagree_value_str = zend_string_init("disagree", strlen("disagree"), 1);
	ZVAL_STR(&enum_case_Disagree_value, enum_case_Disagree_value_str);
	zend_enum_add_case_cstr(class_entry, "Disagree", &enum_case_Disagree_value);

	zval enum_case_Pass_value;
	zend_string *enum_case_Pass_value_str = zend_string_init("pass", strlen("pass"), 1);
	ZVAL_STR(&enum_case_Pass_value, enum_case_Pass_value_str);
	zend_enum_add_case_cstr(class_entry, "Pass", &enum_case_Pass_value);

	return class_entry;
}

static zend_class_entry *register_class_Participa_Alignment(void)
{
	zend_class_entry *class_entry = zend_register_internal_enum("Participa\\Alignment", IS_STRING, class_Participa_Alignment_methods);

	zval enum_case_For_value;
	zend_string *enum_case_For_value_str = zend_string_init("for", strlen("for"), 1);
	ZVAL_STR(&enum_case_For_value, enum_case_For_value_str);
	zend_enum_add_case_cstr(class_entry, "For", &enum_case_For_value);

	zval enum_case_Neutral_value;
	zend_string *enum_case_Neutral_value_str = zend_string_init("neutral", strlen("neutral"), 1);
	ZVAL_STR(&enum_case_Neutral_value, enum_case_Neutral_value_str);
	zend_enum_add_case_cstr(class_entry, "Neutral", &enum_case_Neutral_value);

	zval enum_case_Against_value;
	zend_string *enum_case_Against_value_str = zend_string_init("against", strlen("against"), 1);
	ZVAL_STR(&enum_case_Against_value, enum_case_Against_value_str);
	zend_enum_add_case_cstr(class_entry, "Against", &enum_case_Against_value);

	return class_entry;
}

static zend_class_entry *register_class_Participa_Secrecy(void)
{
	zend_class_entry *class_entry = zend_register_internal_enum("Participa\\Secrecy", IS_STRING, class_Participa_Secrecy_methods);

	zval enum_case_Secret_value;
	zend_string *enum_case_Secret_value_str = zend_string_init("secret", strlen("secret"), 1);
	ZVAL_STR(&enum_case_Secret_value, enum_case_Secret_value_str);
	zend_enum_add_case_cstr(class_entry, "Secret", &enum_case_Secret_value);

	zval enum_case_Public_value;
	zend_string *enum_case_Public_value_str = zend_string_init("public", strlen("public"), 1);
	ZVAL_STR(&enum_case_Public_value, enum_case_Public_value_str);
	zend_enum_add_case_cstr(class_entry, "Public", &enum_case_Public_value);

	return class_entry;
}

static zend_class_entry *register_class_Participa_ResultsVisibility(void)
{
	zend_class_entry *class_entry = zend_register_internal_enum("Participa\\ResultsVisibility", IS_STRING, class_Participa_ResultsVisibility_methods);

	zval enum_case_Live_value;
	zend_string *enum_case_Live_value_str = zend_string_init("live", strlen("live"), 1);
	ZVAL_STR(&enum_case_Live_value, enum_case_Live_value_str);
	zend_enum_add_case_cstr(class_entry, "Live", &enum_case_Live_value);

	zval enum_case_AfterVote_value;
	zend_string *enum_case_AfterVote_value_str = zend_string_init("after_vote", strlen("after_vote"), 1);
	ZVAL_STR(&enum_case_AfterVote_value, enum_case_AfterVote_value_str);
	zend_enum_add_case_cstr(class_entry, "AfterVote", &enum_case_AfterVote_value);

	zval enum_case_AfterClose_value;
	zend_string *enum_case_AfterClose_value_str = zend_string_init("after_close", strlen("after_close"), 1);
	ZVAL_STR(&enum_case_AfterClose_value, enum_case_AfterClose_value_str);
	zend_enum_add_case_cstr(class_entry, "AfterClose", &enum_case_AfterClose_value);

	return class_entry;
}

static zend_class_entry *register_class_Participa_Site(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Site", class_Participa_Site_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Participa_Participants(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Participants", class_Participa_Participants_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Participa_Thread(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Thread", class_Participa_Thread_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Participa_Moderation(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Moderation", class_Participa_Moderation_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Participa_Process(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Process", class_Participa_Process_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Participa_Tally(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Tally", class_Participa_Tally_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Participa_TallyResult(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "TallyResult", class_Participa_TallyResult_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_method_default_value;
	ZVAL_UNDEF(&property_method_default_value);
	zend_string *property_method_name = zend_string_init("method", sizeof("method") - 1, 1);
	zend_declare_typed_property(class_entry, property_method_name, &property_method_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_method_name);

	zval property_winners_default_value;
	ZVAL_UNDEF(&property_winners_default_value);
	zend_string *property_winners_name = zend_string_init("winners", sizeof("winners") - 1, 1);
	zend_declare_typed_property(class_entry, property_winners_name, &property_winners_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_winners_name);

	zval property_ranking_default_value;
	ZVAL_UNDEF(&property_ranking_default_value);
	zend_string *property_ranking_name = zend_string_init("ranking", sizeof("ranking") - 1, 1);
	zend_declare_typed_property(class_entry, property_ranking_name, &property_ranking_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_ranking_name);

	zval property_details_default_value;
	ZVAL_UNDEF(&property_details_default_value);
	zend_string *property_details_name = zend_string_init("details", sizeof("details") - 1, 1);
	zend_declare_typed_property(class_entry, property_details_name, &property_details_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_details_name);

	zval property_tieBreaks_default_value;
	ZVAL_UNDEF(&property_tieBreaks_default_value);
	zend_string *property_tieBreaks_name = zend_string_init("tieBreaks", sizeof("tieBreaks") - 1, 1);
	zend_declare_typed_property(class_entry, property_tieBreaks_name, &property_tieBreaks_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_tieBreaks_name);

	return class_entry;
}

static zend_class_entry *register_class_Participa_Pabulib(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Pabulib", class_Participa_Pabulib_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Participa_Instrument(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Instrument", class_Participa_Instrument_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_id_default_value;
	ZVAL_UNDEF(&property_id_default_value);
	zend_string *property_id_name = zend_string_init("id", sizeof("id") - 1, 1);
	zend_declare_typed_property(class_entry, property_id_name, &property_id_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_id_name);

	return class_entry;
}

static zend_class_entry *register_class_Participa_Commitments(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Commitments", class_Participa_Commitments_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Participa_Template(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Template", class_Participa_Template_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Participa_Host(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Host", class_Participa_Host_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_contract_default_value;
	ZVAL_UNDEF(&property_contract_default_value);
	zend_string *property_contract_name = zend_string_init("contract", sizeof("contract") - 1, 1);
	zend_declare_typed_property(class_entry, property_contract_name, &property_contract_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_contract_name);

	zval property_outcome_default_value;
	ZVAL_NULL(&property_outcome_default_value);
	zend_string *property_outcome_name = zend_string_init("outcome", sizeof("outcome") - 1, 1);
	zend_declare_typed_property(class_entry, property_outcome_name, &property_outcome_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY|MAY_BE_NULL));
	zend_string_release(property_outcome_name);

	return class_entry;
}

static zend_class_entry *register_class_Participa_Request(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Request", class_Participa_Request_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zend_string *property_site_class_Participa_Site = zend_string_init("Participa\\Site", sizeof("Participa\\Site")-1, 1);
	zval property_site_default_value;
	ZVAL_UNDEF(&property_site_default_value);
	zend_string *property_site_name = zend_string_init("site", sizeof("site") - 1, 1);
	zend_declare_typed_property(class_entry, property_site_name, &property_site_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_site_class_Participa_Site, 0, 0));
	zend_string_release(property_site_name);

	zend_string *property_host_class_Participa_Host = zend_string_init("Participa\\Host", sizeof("Participa\\Host")-1, 1);
	zval property_host_default_value;
	ZVAL_UNDEF(&property_host_default_value);
	zend_string *property_host_name = zend_string_init("host", sizeof("host") - 1, 1);
	zend_declare_typed_property(class_entry, property_host_name, &property_host_default_value, ZEND_ACC_PRIVATE, NULL, (zend_type) ZEND_TYPE_INIT_CLASS(property_host_class_Participa_Host, 0, 0));
	zend_string_release(property_host_name);

	return class_entry;
}
