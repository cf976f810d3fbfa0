/* Bodies (core/body/) and responsibility for a territory (core/responsibility/). */
PT_MSG("%s necesita al menos %u integrante(s) del sector %s y tiene %u", "%s needs at least %u member(s) of the %s sector and has %u")
PT_MSG("Solo votan quienes integran %s en la fecha de la votación", "Only the members of %s on the day of the vote may vote")
