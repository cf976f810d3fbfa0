/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: daa962c4863a559411738d629a0d624eeef188cd */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Participa_Template___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Template_render, 0, 2, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, template, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, data, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, partials, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Template_cacheInfo, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Participa_Template, __construct);
ZEND_METHOD(Participa_Template, render);
ZEND_METHOD(Participa_Template, cacheInfo);


static const zend_function_entry class_Participa_Template_methods[] = {
	ZEND_ME(Participa_Template, __construct, arginfo_class_Participa_Template___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Participa_Template, render, arginfo_class_Participa_Template_render, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Participa_Template, cacheInfo, arginfo_class_Participa_Template_cacheInfo, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Participa_Template(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Template", class_Participa_Template_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
