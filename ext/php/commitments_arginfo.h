/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 9e13cac26fd756d955c8789b00a892116b228f73 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Participa_Commitments___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

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

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Commitments_children, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, id, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Commitments_list, 0, 0, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, filters, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_Commitments_history arginfo_class_Participa_Commitments_children

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Commitments_verify, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

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
	ZEND_FE_END
};

static zend_class_entry *register_class_Participa_Commitments(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Commitments", class_Participa_Commitments_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
