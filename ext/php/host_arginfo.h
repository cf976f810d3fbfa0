/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 8ed3814478b97f6d5c51aefff44d8fd0107a4f10 */

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


ZEND_METHOD(Participa_Host, __construct);
ZEND_METHOD(Participa_Request, __construct);
ZEND_METHOD(Participa_Request, handle);


static const zend_function_entry class_Participa_Host_methods[] = {
	ZEND_ME(Participa_Host, __construct, arginfo_class_Participa_Host___construct, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_Request_methods[] = {
	ZEND_ME(Participa_Request, __construct, arginfo_class_Participa_Request___construct, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_Request, handle, arginfo_class_Participa_Request_handle, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Participa_Host(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Host", class_Participa_Host_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Participa_Request(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Request", class_Participa_Request_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
