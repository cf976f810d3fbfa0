/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 2839f190db3750df360589c35bbd7ac23a41d37b */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Participa_Process___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Process_info, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Process_cast, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, participant, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, ballot, IS_MIXED, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, meta, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Process_verifyReceipt, 0, 1, IS_ARRAY, 1)
	ZEND_ARG_TYPE_INFO(0, receipt, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Process_propose, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, participant, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, option, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Process_options arginfo_class_Participa_Process_info

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

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Process_results, 0, 0, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, participant, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Process_exportBallots, 0, 1, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, format, IS_STRING, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Participa_Process, __construct);
ZEND_METHOD(Participa_Process, info);
ZEND_METHOD(Participa_Process, cast);
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


static const zend_function_entry class_Participa_Process_methods[] = {
	ZEND_ME(Participa_Process, __construct, arginfo_class_Participa_Process___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Participa_Process, info, arginfo_class_Participa_Process_info, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Process, cast, arginfo_class_Participa_Process_cast, ZEND_ACC_PUBLIC)
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

static zend_class_entry *register_class_Participa_Process(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Process", class_Participa_Process_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
