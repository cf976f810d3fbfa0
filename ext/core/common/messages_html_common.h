/* participa core: texts of the HTML fragments shared by every area (see messages.h). */
PT_MSG("Participante", "Participant")
PT_MSG("Revisa los datos marcados.", "Please check the marked fields.")
PT_MSG("Inicia sesión para participar.", "Sign in to take part.")
PT_MSG("Elige una opción.", "Choose an option.")
PT_MSG("Falta este dato.", "This field is required.")
PT_MSG("Tu comentario quedó en revisión: se publicará cuando moderación lo apruebe.", "Your comment is awaiting review: it will be published once moderation approves it.")
