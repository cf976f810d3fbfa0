/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 8e6d06082064938bcdf11cefacd56cb4e8b4b8c6 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Participa_Site___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Participa_Site_open, 0, 0, Participa\\Site, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, configPath, IS_STRING, 1, "null")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Site_check, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, configPath, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Site_versions, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Site_stats arginfo_class_Participa_Site_versions

#define arginfo_class_Participa_Site_migrate arginfo_class_Participa_Site_versions

#define arginfo_class_Participa_Site_info arginfo_class_Participa_Site_versions

#define arginfo_class_Participa_Site_roles arginfo_class_Participa_Site_versions

#define arginfo_class_Participa_Site_territories arginfo_class_Participa_Site_versions

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Site_territory, 0, 1, IS_ARRAY, 1)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Site_territoryWithin, 0, 2, _IS_BOOL, 0)
	ZEND_ARG_TYPE_INFO(0, territory, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, ancestor, IS_STRING, 0)
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
ZEND_METHOD(Participa_Site, thread);
ZEND_METHOD(Participa_Site, moderation);
ZEND_METHOD(Participa_Site, participants);
ZEND_METHOD(Participa_Site, commitments);
ZEND_METHOD(Participa_Site, process);


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
	ZEND_ME(Participa_Site, thread, arginfo_class_Participa_Site_thread, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Site, moderation, arginfo_class_Participa_Site_moderation, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Site, participants, arginfo_class_Participa_Site_participants, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Site, commitments, arginfo_class_Participa_Site_commitments, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Site, process, arginfo_class_Participa_Site_process, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Participa_Site(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Site", class_Participa_Site_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
