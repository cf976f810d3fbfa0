/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 57d6755a9a3fdf02c79c6fcb250adc06d41e59b6 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Participa_Moderation___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

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


ZEND_METHOD(Participa_Moderation, __construct);
ZEND_METHOD(Participa_Moderation, queue);
ZEND_METHOD(Participa_Moderation, approve);
ZEND_METHOD(Participa_Moderation, reject);
ZEND_METHOD(Participa_Moderation, hide);
ZEND_METHOD(Participa_Moderation, restore);
ZEND_METHOD(Participa_Moderation, ban);
ZEND_METHOD(Participa_Moderation, unban);
ZEND_METHOD(Participa_Moderation, log);


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
	ZEND_FE_END
};

static zend_class_entry *register_class_Participa_Moderation(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Moderation", class_Participa_Moderation_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
