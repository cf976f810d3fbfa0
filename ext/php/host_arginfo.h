/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 217099807c6b4b268be1945b2a641de2902e00c2 */

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
