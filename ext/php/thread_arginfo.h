/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 265b0fbd65506c5a77bbd4ac9458a8ea8e1423fa */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Participa_Thread___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Thread_info, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

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
	ZEND_FE_END
};

static zend_class_entry *register_class_Participa_Thread(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Thread", class_Participa_Thread_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
