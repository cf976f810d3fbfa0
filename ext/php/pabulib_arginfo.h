/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 5c5e5e1f4cc9c18988e41383056a2c28df7a9899 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Participa_Pabulib___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Pabulib_read, 0, 1, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Pabulib_write, 0, 2, IS_VOID, 0)
	ZEND_ARG_TYPE_INFO(0, path, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, data, IS_ARRAY, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Participa_Pabulib, __construct);
ZEND_METHOD(Participa_Pabulib, read);
ZEND_METHOD(Participa_Pabulib, write);


static const zend_function_entry class_Participa_Pabulib_methods[] = {
	ZEND_ME(Participa_Pabulib, __construct, arginfo_class_Participa_Pabulib___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Participa_Pabulib, read, arginfo_class_Participa_Pabulib_read, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_ME(Participa_Pabulib, write, arginfo_class_Participa_Pabulib_write, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Participa_Pabulib(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Pabulib", class_Participa_Pabulib_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}
