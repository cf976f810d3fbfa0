/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 2170fd2f1ab47c87a5c75af59e97adc7f6617405 */

ZEND_BEGIN_ARG_INFO_EX(arginfo_class_Participa_Tally___construct, 0, 0, 0)
ZEND_END_ARG_INFO()

ZEND_BEGIN_ARG_WITH_RETURN_OBJ_INFO_EX(arginfo_class_Participa_Tally_count, 0, 2, Participa\\TallyResult, 0)
	ZEND_ARG_TYPE_INFO(0, method, IS_STRING, 0)
	ZEND_ARG_TYPE_INFO(0, ballots, IS_ARRAY, 0)
	ZEND_ARG_TYPE_INFO_WITH_DEFAULT_VALUE(0, options, IS_ARRAY, 0, "[]")
ZEND_END_ARG_INFO()

#define arginfo_class_Participa_TallyResult___construct arginfo_class_Participa_Tally___construct

ZEND_BEGIN_ARG_WITH_RETURN_TYPE_INFO_EX(arginfo_class_Participa_TallyResult_toArray, 0, 0, IS_ARRAY, 0)
ZEND_END_ARG_INFO()


ZEND_METHOD(Participa_Tally, __construct);
ZEND_METHOD(Participa_Tally, count);
ZEND_METHOD(Participa_TallyResult, __construct);
ZEND_METHOD(Participa_TallyResult, toArray);


static const zend_function_entry class_Participa_Tally_methods[] = {
	ZEND_ME(Participa_Tally, __construct, arginfo_class_Participa_Tally___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Participa_Tally, count, arginfo_class_Participa_Tally_count, ZEND_ACC_PUBLIC|ZEND_ACC_STATIC)
	ZEND_FE_END
};


static const zend_function_entry class_Participa_TallyResult_methods[] = {
	ZEND_ME(Participa_TallyResult, __construct, arginfo_class_Participa_TallyResult___construct, ZEND_ACC_PRIVATE)
	ZEND_ME(Participa_TallyResult, toArray, arginfo_class_Participa_TallyResult_toArray, ZEND_ACC_PUBLIC)
	ZEND_FE_END
};

static zend_class_entry *register_class_Participa_Tally(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "Tally", class_Participa_Tally_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	return class_entry;
}

static zend_class_entry *register_class_Participa_TallyResult(void)
{
	zend_class_entry ce, *class_entry;

	INIT_NS_CLASS_ENTRY(ce, "Participa", "TallyResult", class_Participa_TallyResult_methods);
	class_entry = zend_register_internal_class_ex(&ce, NULL);
	class_entry->ce_flags |= ZEND_ACC_FINAL|ZEND_ACC_NO_DYNAMIC_PROPERTIES|ZEND_ACC_NOT_SERIALIZABLE;

	zval property_method_default_value;
	ZVAL_UNDEF(&property_method_default_value);
	zend_string *property_method_name = zend_string_init("method", sizeof("method") - 1, 1);
	zend_declare_typed_property(class_entry, property_method_name, &property_method_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_STRING));
	zend_string_release(property_method_name);

	zval property_winners_default_value;
	ZVAL_UNDEF(&property_winners_default_value);
	zend_string *property_winners_name = zend_string_init("winners", sizeof("winners") - 1, 1);
	zend_declare_typed_property(class_entry, property_winners_name, &property_winners_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_winners_name);

	zval property_ranking_default_value;
	ZVAL_UNDEF(&property_ranking_default_value);
	zend_string *property_ranking_name = zend_string_init("ranking", sizeof("ranking") - 1, 1);
	zend_declare_typed_property(class_entry, property_ranking_name, &property_ranking_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_ranking_name);

	zval property_details_default_value;
	ZVAL_UNDEF(&property_details_default_value);
	zend_string *property_details_name = zend_string_init("details", sizeof("details") - 1, 1);
	zend_declare_typed_property(class_entry, property_details_name, &property_details_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_details_name);

	zval property_tieBreaks_default_value;
	ZVAL_UNDEF(&property_tieBreaks_default_value);
	zend_string *property_tieBreaks_name = zend_string_init("tieBreaks", sizeof("tieBreaks") - 1, 1);
	zend_declare_typed_property(class_entry, property_tieBreaks_name, &property_tieBreaks_default_value, ZEND_ACC_PUBLIC|ZEND_ACC_READONLY, NULL, (zend_type) ZEND_TYPE_INIT_MASK(MAY_BE_ARRAY));
	zend_string_release(property_tieBreaks_name);

	return class_entry;
}
