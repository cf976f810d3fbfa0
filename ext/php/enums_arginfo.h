/* This is a generated file, edit the .stub.php file instead.
 * Stub hash: 5865f76a77b7019ae1696b094e74eba2e2b633da */




static const zend_function_entry class_Participa_Sort_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Participa_Reaction_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Participa_Alignment_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Participa_Secrecy_methods[] = {
	ZEND_FE_END
};


static const zend_function_entry class_Participa_ResultsVisibility_methods[] = {
	ZEND_FE_END
};

static zend_class_entry *register_class_Participa_Sort(void)
{
	zend_class_entry *class_entry = zend_register_internal_enum("Participa\\Sort", IS_STRING, class_Participa_Sort_methods);

	zval enum_case_Oldest_value;
	zend_string *enum_case_Oldest_value_str = zend_string_init("oldest", strlen("oldest"), 1);
	ZVAL_STR(&enum_case_Oldest_value, enum_case_Oldest_value_str);
	zend_enum_add_case_cstr(class_entry, "Oldest", &enum_case_Oldest_value);

	zval enum_case_Newest_value;
	zend_string *enum_case_Newest_value_str = zend_string_init("newest", strlen("newest"), 1);
	ZVAL_STR(&enum_case_Newest_value, enum_case_Newest_value_str);
	zend_enum_add_case_cstr(class_entry, "Newest", &enum_case_Newest_value);

	zval enum_case_Top_value;
	zend_string *enum_case_Top_value_str = zend_string_init("top", strlen("top"), 1);
	ZVAL_STR(&enum_case_Top_value, enum_case_Top_value_str);
	zend_enum_add_case_cstr(class_entry, "Top", &enum_case_Top_value);

	zval enum_case_Discussed_value;
	zend_string *enum_case_Discussed_value_str = zend_string_init("discussed", strlen("discussed"), 1);
	ZVAL_STR(&enum_case_Discussed_value, enum_case_Discussed_value_str);
	zend_enum_add_case_cstr(class_entry, "Discussed", &enum_case_Discussed_value);

	zval enum_case_Controversial_value;
	zend_string *enum_case_Controversial_value_str = zend_string_init("controversial", strlen("controversial"), 1);
	ZVAL_STR(&enum_case_Controversial_value, enum_case_Controversial_value_str);
	zend_enum_add_case_cstr(class_entry, "Controversial", &enum_case_Controversial_value);

	return class_entry;
}

static zend_class_entry *register_class_Participa_Reaction(void)
{
	zend_class_entry *class_entry = zend_register_internal_enum("Participa\\Reaction", IS_STRING, class_Participa_Reaction_methods);

	zval enum_case_Up_value;
	zend_string *enum_case_Up_value_str = zend_string_init("up", strlen("up"), 1);
	ZVAL_STR(&enum_case_Up_value, enum_case_Up_value_str);
	zend_enum_add_case_cstr(class_entry, "Up", &enum_case_Up_value);

	zval enum_case_Down_value;
	zend_string *enum_case_Down_value_str = zend_string_init("down", strlen("down"), 1);
	ZVAL_STR(&enum_case_Down_value, enum_case_Down_value_str);
	zend_enum_add_case_cstr(class_entry, "Down", &enum_case_Down_value);

	zval enum_case_None_value;
	zend_string *enum_case_None_value_str = zend_string_init("none", strlen("none"), 1);
	ZVAL_STR(&enum_case_None_value, enum_case_None_value_str);
	zend_enum_add_case_cstr(class_entry, "None", &enum_case_None_value);

	zval enum_case_Agree_value;
	zend_string *enum_case_Agree_value_str = zend_string_init("agree", strlen("agree"), 1);
	ZVAL_STR(&enum_case_Agree_value, enum_case_Agree_value_str);
	zend_enum_add_case_cstr(class_entry, "Agree", &enum_case_Agree_value);

	zval enum_case_Disagree_value;
	zend_string *enum_case_Disagree_value_str = zend_string_init("disagree", strlen("disagree"), 1);
	ZVAL_STR(&enum_case_Disagree_value, enum_case_Disagree_value_str);
	zend_enum_add_case_cstr(class_entry, "Disagree", &enum_case_Disagree_value);

	zval enum_case_Pass_value;
	zend_string *enum_case_Pass_value_str = zend_string_init("pass", strlen("pass"), 1);
	ZVAL_STR(&enum_case_Pass_value, enum_case_Pass_value_str);
	zend_enum_add_case_cstr(class_entry, "Pass", &enum_case_Pass_value);

	return class_entry;
}

static zend_class_entry *register_class_Participa_Alignment(void)
{
	zend_class_entry *class_entry = zend_register_internal_enum("Participa\\Alignment", IS_STRING, class_Participa_Alignment_methods);

	zval enum_case_For_value;
	zend_string *enum_case_For_value_str = zend_string_init("for", strlen("for"), 1);
	ZVAL_STR(&enum_case_For_value, enum_case_For_value_str);
	zend_enum_add_case_cstr(class_entry, "For", &enum_case_For_value);

	zval enum_case_Neutral_value;
	zend_string *enum_case_Neutral_value_str = zend_string_init("neutral", strlen("neutral"), 1);
	ZVAL_STR(&enum_case_Neutral_value, enum_case_Neutral_value_str);
	zend_enum_add_case_cstr(class_entry, "Neutral", &enum_case_Neutral_value);

	zval enum_case_Against_value;
	zend_string *enum_case_Against_value_str = zend_string_init("against", strlen("against"), 1);
	ZVAL_STR(&enum_case_Against_value, enum_case_Against_value_str);
	zend_enum_add_case_cstr(class_entry, "Against", &enum_case_Against_value);

	return class_entry;
}

static zend_class_entry *register_class_Participa_Secrecy(void)
{
	zend_class_entry *class_entry = zend_register_internal_enum("Participa\\Secrecy", IS_STRING, class_Participa_Secrecy_methods);

	zval enum_case_Secret_value;
	zend_string *enum_case_Secret_value_str = zend_string_init("secret", strlen("secret"), 1);
	ZVAL_STR(&enum_case_Secret_value, enum_case_Secret_value_str);
	zend_enum_add_case_cstr(class_entry, "Secret", &enum_case_Secret_value);

	zval enum_case_Public_value;
	zend_string *enum_case_Public_value_str = zend_string_init("public", strlen("public"), 1);
	ZVAL_STR(&enum_case_Public_value, enum_case_Public_value_str);
	zend_enum_add_case_cstr(class_entry, "Public", &enum_case_Public_value);

	return class_entry;
}

static zend_class_entry *register_class_Participa_ResultsVisibility(void)
{
	zend_class_entry *class_entry = zend_register_internal_enum("Participa\\ResultsVisibility", IS_STRING, class_Participa_ResultsVisibility_methods);

	zval enum_case_Live_value;
	zend_string *enum_case_Live_value_str = zend_string_init("live", strlen("live"), 1);
	ZVAL_STR(&enum_case_Live_value, enum_case_Live_value_str);
	zend_enum_add_case_cstr(class_entry, "Live", &enum_case_Live_value);

	zval enum_case_AfterVote_value;
	zend_string *enum_case_AfterVote_value_str = zend_string_init("after_vote", strlen("after_vote"), 1);
	ZVAL_STR(&enum_case_AfterVote_value, enum_case_AfterVote_value_str);
	zend_enum_add_case_cstr(class_entry, "AfterVote", &enum_case_AfterVote_value);

	zval enum_case_AfterClose_value;
	zend_string *enum_case_AfterClose_value_str = zend_string_init("after_close", strlen("after_close"), 1);
	ZVAL_STR(&enum_case_AfterClose_value, enum_case_AfterClose_value_str);
	zend_enum_add_case_cstr(class_entry, "AfterClose", &enum_case_AfterClose_value);

	return class_entry;
}
