/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 9a6dc5b402647283aca483b01a289c4c73f5c3c1 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Participa_Participants___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Participants_upsert, 0, 2, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, territory, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, roles, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Participants_get, 0, 1, IS_ARRAY, 1)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
ZEND_END_ARG_INFO()

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


ZEND_METHOD(Participa_Participants, __construct);
ZEND_METHOD(Participa_Participants, upsert);
ZEND_METHOD(Participa_Participants, get);
ZEND_METHOD(Participa_Participants, ban);
ZEND_METHOD(Participa_Participants, unban);
ZEND_METHOD(Participa_Participants, export);
ZEND_METHOD(Participa_Participants, erase);


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

static zend_class_entry *register_class_Participa_Participants(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Participants", class_Participa_Participants_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
