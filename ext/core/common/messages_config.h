/* participa messages, area "config" (configuration, moderation, citizen text): PT_MSG("es_MX printf format", "en printf format"), the same conversions in the same order. Configuration diagnostics are for operators and stay English; these are what a resident may see. */
PT_MSG("Tu comentario no se publicó porque no cumple las reglas de participación.", "Your comment was not published because it does not follow the participation rules.")
PT_MSG("[dato personal oculto]", "[personal data hidden]")
PT_MSG("El texto no es UTF-8 válido (byte %zu).", "The text is not valid UTF-8 (byte %zu).")
PT_MSG("El texto contiene un carácter de control no permitido (byte %zu).", "The text contains a control character that is not allowed (byte %zu).")
