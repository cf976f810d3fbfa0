/* Bodies (core/body/) and responsibility for a territory (core/responsibility/). */
PT_MSG("%s necesita al menos %u integrante(s) del sector %s y tiene %u", "%s needs at least %u member(s) of the %s sector and has %u")
PT_MSG("Solo votan quienes integran %s en la fecha de la votación", "Only the members of %s on the day of the vote may vote")
PT_MSG("No hay territorios de tipo «%.64s».", "There are no territories of kind “%.64s”.")
PT_MSG("No existe el órgano «%.64s».", "There is no body “%.64s”.")
PT_MSG("La fecha debe escribirse AAAA-MM-DD (por ejemplo 2026-04-10).", "The date must be written YYYY-MM-DD (for example 2026-04-10).")
PT_MSG("Solo integrantes de %s participan en este proceso; %u asiento(s) siguen vacantes hasta que se cuente su elección.", "Only members of %s take part in this process; %u seat(s) stay vacant until their election is counted.")
