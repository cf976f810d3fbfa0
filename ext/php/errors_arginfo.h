/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 48f73fb0cd59781bed9cd38992bebad6e93de6f3 */

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_Exception_publicMessage, 0, 0, IS_STRING, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_InvalidArgumentException_publicMessage arginfo_class_Participa_Exception_publicMessage

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_InvalidArgumentException_getIndex, 0, 0, IS_LONG, 1)
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_RuntimeException_publicMessage arginfo_class_Participa_Exception_publicMessage

#define arginfo_class_Participa_RuntimeException_getIndex arginfo_class_Participa_InvalidArgumentException_getIndex

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_ConfigException_getColumn, 0, 0, IS_LONG, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_ConfigException_getProblems, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_DatabaseException_getSqlState arginfo_class_Participa_Exception_publicMessage


ZEND_METHOD(Participa_InvalidArgumentException, publicMessage);
ZEND_METHOD(Participa_InvalidArgumentException, getIndex);
ZEND_METHOD(Participa_ConfigException, getColumn);
ZEND_METHOD(Participa_ConfigException, getProblems);
ZEND_METHOD(Participa_DatabaseException, getSqlState);


static const zend_function_entry class_Participa_Exception_methods[] = {
	ZEND_ABSTRACT_ME_WITH_FLAGS(Participa_Exception, publicMessage, arginfo_class_Participa_Exception_publicMessage, ZEND_ACC_PUBLIC|ZEND_ACC_ABSTRACT)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_InvalidArgumentException_methods[] = {
	ZEND_ME(Participa_InvalidArgumentException, publicMessage, arginfo_class_Participa_InvalidArgumentException_publicMessage, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_InvalidArgumentException, getIndex, arginfo_class_Participa_InvalidArgumentException_getIndex, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_RuntimeException_methods[] = {
	ZEND_MALIAS(Participa_InvalidArgumentException, publicMessage, publicMessage, arginfo_class_Participa_RuntimeException_publicMessage, ZEND_ACC_PUBLIC)
	ZEND_MALIAS(Participa_InvalidArgumentException, getIndex, getIndex, arginfo_class_Participa_RuntimeException_getIndex, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_ConfigException_methods[] = {
	ZEND_ME(Participa_ConfigException, getColumn, arginfo_class_Participa_ConfigException_getColumn, ZEND_ACC_PUBLIC)
	ZEND_ME(Participa_ConfigException, getProblems, arginfo_class_Participa_ConfigException_getProblems, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_DatabaseException_methods[] = {
	ZEND_ME(Participa_DatabaseException, getSqlState, arginfo_class_Participa_DatabaseException_getSqlState, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_NotAllowedException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Participa_ConflictException_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Participa_NotFoundException_methods[] = {
	ZEND_FE_END
};

static zend_class_entry *register_class_Participa_Exception(zend_class_entry *class_entry_Throwable)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Exception", class_Participa_Exception_methods);
	class_entry = zend_register_internal_interface(&ce);
	zend_class_implements(class_entry, 1, class_entry_Throwable);

	return class_entry;
}

static zend_class_entry *register_class_Participa_InvalidArgumentException(zend_class_entry *class_entry_InvalidArgumentException, zend_class_entry *class_entry_Participa_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "InvalidArgumentException", class_Participa_InvalidArgumentException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_InvalidArgumentException);
	zend_class_implements(class_entry, 1, class_entry_Participa_Exception);

	zval property_publicMessage_default_value;
	ZVAL_EMPTY_STRING(&property_publicMessage_default_value);
	zend_string *property_publicMessage_name = zend_string_init("publicMessage", sizeof("publicMessage") - 1, 1);
	zend_declare_typed_property(class_entry, property_publicMessage_name, &property_publicMessage_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_publicMessage_name);

	zval property_index_default_value;
	ZVAL_NULL(&property_index_default_value);
	zend_string *property_index_name = zend_string_init("index", sizeof("index") - 1, 1);
	zend_declare_typed_property(class_entry, property_index_name, &property_index_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG|MAY_BE_NULL));
	zend_string_release(property_index_name);

	return class_entry;
}

static zend_class_entry *register_class_Participa_RuntimeException(zend_class_entry *class_entry_RuntimeException, zend_class_entry *class_entry_Participa_Exception)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "RuntimeException", class_Participa_RuntimeException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_RuntimeException);
	zend_class_implements(class_entry, 1, class_entry_Participa_Exception);

	zval property_publicMessage_default_value;
	ZVAL_EMPTY_STRING(&property_publicMessage_default_value);
	zend_string *property_publicMessage_name = zend_string_init("publicMessage", sizeof("publicMessage") - 1, 1);
	zend_declare_typed_property(class_entry, property_publicMessage_name, &property_publicMessage_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_publicMessage_name);

	zval property_index_default_value;
	ZVAL_NULL(&property_index_default_value);
	zend_string *property_index_name = zend_string_init("index", sizeof("index") - 1, 1);
	zend_declare_typed_property(class_entry, property_index_name, &property_index_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG|MAY_BE_NULL));
	zend_string_release(property_index_name);

	return class_entry;
}

static zend_class_entry *register_class_Participa_ConfigException(zend_class_entry *class_entry_Participa_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "ConfigException", class_Participa_ConfigException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Participa_RuntimeException);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES;

	zval property_column_default_value;
	ZVAL_LONG(&property_column_default_value, 0);
	zend_string *property_column_name = zend_string_init("column", sizeof("column") - 1, 1);
	zend_declare_typed_property(class_entry, property_column_name, &property_column_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_LONG));
	zend_string_release(property_column_name);

	zval property_problems_default_value;
	ZVAL_EMPTY_ARRAY(&property_problems_default_value);
	zend_string *property_problems_name = zend_string_init("problems", sizeof("problems") - 1, 1);
	zend_declare_typed_property(class_entry, property_problems_name, &property_problems_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_problems_name);

	return class_entry;
}

static zend_class_entry *register_class_Participa_DatabaseException(zend_class_entry *class_entry_Participa_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "DatabaseException", class_Participa_DatabaseException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Participa_RuntimeException);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES;

	zval property_sqlState_default_value;
	ZVAL_EMPTY_STRING(&property_sqlState_default_value);
	zend_string *property_sqlState_name = zend_string_init("sqlState", sizeof("sqlState") - 1, 1);
	zend_declare_typed_property(class_entry, property_sqlState_name, &property_sqlState_default_value, ZEND_ACC_PROTECTED, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_sqlState_name);

	return class_entry;
}

static zend_class_entry *register_class_Participa_NotAllowedException(zend_class_entry *class_entry_Participa_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "NotAllowedException", class_Participa_NotAllowedException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Participa_RuntimeException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}

static zend_class_entry *register_class_Participa_ConflictException(zend_class_entry *class_entry_Participa_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "ConflictException", class_Participa_ConflictException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Participa_RuntimeException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}

static zend_class_entry *register_class_Participa_NotFoundException(zend_class_entry *class_entry_Participa_RuntimeException)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "NotFoundException", class_Participa_NotFoundException_methods);
	class_entry = zend_register_internal_class_ex(&ce, class_entry_Participa_RuntimeException);
	class_entry->ce_flags |= ZEND_ACC_FINAL;

	return class_entry;
}
