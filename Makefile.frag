# participa (config.m4 adds this to the phpize Makefile): the `participa`
# command-line tool, and what `make install` adds to the extension.
#
#   make participa-cli        out/participa: the extension's own objects linked with libphp (embed SAPI)
#   make install              also: $(PARTICIPA_BINDIR)/participa and templates/ in $(PARTICIPA_TEMPLATES_DIR)
#                             (the default of participa.templates_dir); INSTALL_ROOT=DIR stages it under DIR

# The PIC objects libtool made for participa.so: the CLI links the very same code.
PARTICIPA_CLI_OBJECTS = $(join $(dir $(shared_objects_participa)),$(patsubst %.lo,.libs/%.o,$(notdir $(shared_objects_participa))))

participa-cli: $(PARTICIPA_CLI)

out/cli/participa_cli_script.h: $(srcdir)/cli/participa.php $(srcdir)/scripts/lib/cli-script.php
	@mkdir -p out/cli
	$(PHP_EXECUTABLE) -n $(srcdir)/scripts/lib/cli-script.php $(srcdir)/cli/participa.php > $@.tmp && mv $@.tmp $@

out/participa: $(srcdir)/cli/participa.c out/cli/participa_cli_script.h $(shared_objects_participa)
	$(CC) $(CFLAGS_CLEAN) $(PARTICIPA_CFLAGS) $(INCLUDES) -I$(PARTICIPA_PHP_INCLUDE_DIR)/sapi/embed -Iout/cli \
		-o $@ $(srcdir)/cli/participa.c $(PARTICIPA_CLI_OBJECTS) $(PARTICIPA_EMBED_LIBS) $(PARTICIPA_SHARED_LIBADD)

install: install-participa

install-participa: $(PARTICIPA_CLI)
	@echo "Installing participa templates:   $(INSTALL_ROOT)$(PARTICIPA_TEMPLATES_DIR)/"
	@$(mkinstalldirs) $(INSTALL_ROOT)$(PARTICIPA_TEMPLATES_DIR)
	@for f in $(srcdir)/templates/*; do \
		if test -f "$$f"; then $(INSTALL_DATA) "$$f" $(INSTALL_ROOT)$(PARTICIPA_TEMPLATES_DIR)/ || exit 1; fi; \
	done
	@if test -n "$(PARTICIPA_CLI)"; then \
		echo "Installing the participa CLI:     $(INSTALL_ROOT)$(PARTICIPA_BINDIR)/participa"; \
		$(mkinstalldirs) $(INSTALL_ROOT)$(PARTICIPA_BINDIR) && \
		$(INSTALL) -m 0755 $(PARTICIPA_CLI) $(INSTALL_ROOT)$(PARTICIPA_BINDIR)/participa; \
	else \
		echo "Not installing the participa CLI: configure found no embed SAPI (apt-get install libphp8.2-embed)"; \
	fi

.PHONY: participa-cli install-participa
