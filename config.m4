dnl participa: native participation primitives for municipal PHP sites.
dnl Build: phpize && ./configure [--enable-participa-dev] && make

PHP_ARG_ENABLE([participa],
  [whether to enable participa],
  [AS_HELP_STRING([--enable-participa], [Enable participa])],
  [yes])

PHP_ARG_WITH([participa-mariadb],
  [MariaDB/MySQL client library location],
  [AS_HELP_STRING([[--with-participa-mariadb[=DIR]]],
    [participa: prefix of libmariadb or libmysqlclient when pkg-config cannot find it])],
  [no], [no])

PHP_ARG_ENABLE([participa-dev],
  [whether to build participa with strict developer warnings],
  [AS_HELP_STRING([--enable-participa-dev], [participa: -Wall -Wextra -Werror])],
  [no], [no])

if test "$PHP_PARTICIPA" != "no"; then
  dnl --- PHP 8.2 or later: the stubs and the binding use 8.2's API. In-tree
  dnl (php-src/ext/participa) configure sets PHP_VERSION_ID; under phpize we
  dnl ask php-config (the one --with-php-config names).
  AC_MSG_CHECKING([for PHP 8.2 or later])
  participa_php_vernum="$PHP_VERSION_ID"
  participa_php_version="$PHP_VERSION"
  if test -z "$participa_php_vernum"; then
    participa_php_vernum=`${PHP_CONFIG:-php-config} --vernum 2>/dev/null`
    participa_php_version=`${PHP_CONFIG:-php-config} --version 2>/dev/null`
  fi
  case "$participa_php_vernum" in
    ""|*[[!0-9]]*)
      AC_MSG_ERROR([cannot tell the PHP version: ${PHP_CONFIG:-php-config} --vernum printed "$participa_php_vernum"; pass --with-php-config=PATH])
      ;;
  esac
  if test "$participa_php_vernum" -lt 80200; then
    AC_MSG_ERROR([participa needs PHP 8.2 or later, found PHP $participa_php_version ($participa_php_vernum) through ${PHP_CONFIG:-php-config}: apt-get install php8.2-dev, or pass --with-php-config=PATH of a PHP 8.2 or later])
  fi
  AC_MSG_RESULT([yes, $participa_php_version])

  dnl --- Thread safety (phpize and php-src's configure both set
  dnl PHP_THREAD_SAFETY). A ZTS PHP builds and loads participa, but the
  dnl binding keeps process-wide caches without locks (ext/php/site.c: the
  dnl parsed sites and their one connection; template.c: compiled templates;
  dnl core/commitment/commitment_summary.c: summaries), so threads serving requests at once would
  dnl share them. scripts/zts-check builds a ZTS PHP and tests both ways.
  if test "$PHP_THREAD_SAFETY" = "yes"; then
    AC_MSG_WARN([this PHP is thread-safe (ZTS): participa is not safe with requests running in several threads of one process (FrankenPHP, Apache's worker or event MPM with mod_php); use an NTS PHP (php-fpm) or one request thread per process])
  fi

  PKG_PROG_PKG_CONFIG

  dnl --- MariaDB / MySQL client: pkg-config libmariadb, then mysqlclient, then DIR
  if test "$PHP_PARTICIPA_MARIADB" != "no" && test "$PHP_PARTICIPA_MARIADB" != "yes"; then
    AC_MSG_CHECKING([for the MariaDB/MySQL client under $PHP_PARTICIPA_MARIADB])
    if test -f "$PHP_PARTICIPA_MARIADB/include/mariadb/mysql.h"; then
      PHP_ADD_INCLUDE([$PHP_PARTICIPA_MARIADB/include/mariadb])
      PHP_ADD_LIBRARY_WITH_PATH([mariadb], [$PHP_PARTICIPA_MARIADB/$PHP_LIBDIR], [PARTICIPA_SHARED_LIBADD])
      AC_MSG_RESULT([libmariadb])
    elif test -f "$PHP_PARTICIPA_MARIADB/include/mysql/mysql.h"; then
      PHP_ADD_INCLUDE([$PHP_PARTICIPA_MARIADB/include/mysql])
      PHP_ADD_LIBRARY_WITH_PATH([mysqlclient], [$PHP_PARTICIPA_MARIADB/$PHP_LIBDIR], [PARTICIPA_SHARED_LIBADD])
      AC_MSG_RESULT([libmysqlclient])
    else
      AC_MSG_ERROR([no mysql.h under $PHP_PARTICIPA_MARIADB/include/{mariadb,mysql}])
    fi
  else
    PKG_CHECK_MODULES([MARIADB], [libmariadb], [], [
      PKG_CHECK_MODULES([MARIADB], [mysqlclient], [], [
        AC_MSG_ERROR([the MariaDB client library was not found: apt-get install libmariadb-dev (or pass --with-participa-mariadb=DIR)])
      ])
    ])
    PHP_EVAL_INCLINE([$MARIADB_CFLAGS])
    PHP_EVAL_LIBLINE([$MARIADB_LIBS], [PARTICIPA_SHARED_LIBADD])
  fi

  dnl --- libyaml
  PKG_CHECK_MODULES([YAML], [yaml-0.1], [], [
    AC_MSG_ERROR([libyaml was not found: apt-get install libyaml-dev])
  ])
  PHP_EVAL_INCLINE([$YAML_CFLAGS])
  PHP_EVAL_LIBLINE([$YAML_LIBS], [PARTICIPA_SHARED_LIBADD])

  dnl --- PCRE2: the core (ext/core, no php.h) compiles moderation rules itself,
  dnl so it links libpcre2-8 directly; Debian's PHP uses the same shared library.
  PKG_CHECK_MODULES([PCRE2], [libpcre2-8 >= 10.30], [], [
    AC_MSG_ERROR([PCRE2 was not found: apt-get install libpcre2-dev])
  ])
  PHP_EVAL_INCLINE([$PCRE2_CFLAGS])
  PHP_EVAL_LIBLINE([$PCRE2_LIBS], [PARTICIPA_SHARED_LIBADD])

  dnl --- SHA-256 from OpenSSL's libcrypto (ballot digests, commitment history)
  PKG_CHECK_MODULES([CRYPTO], [libcrypto >= 1.1], [], [
    AC_MSG_ERROR([libcrypto was not found: apt-get install libssl-dev])
  ])
  PHP_EVAL_INCLINE([$CRYPTO_CFLAGS])
  PHP_EVAL_LIBLINE([$CRYPTO_LIBS], [PARTICIPA_SHARED_LIBADD])

  dnl --- Where the fragments' templates are installed: the default of the INI setting
  dnl participa.templates_dir ($prefix/share/participa/templates).
  participa_prefix="$prefix"
  test "x$participa_prefix" = "xNONE" && participa_prefix="$ac_default_prefix"
  PARTICIPA_TEMPLATES_DIR="$participa_prefix/share/participa/templates"
  AC_DEFINE_UNQUOTED([PARTICIPA_TEMPLATES_DIR], ["$PARTICIPA_TEMPLATES_DIR"],
    [participa: the default of participa.templates_dir])
  PHP_SUBST([PARTICIPA_TEMPLATES_DIR])

  dnl --- The participa command-line tool (Makefile.frag): the extension's objects linked with
  dnl libphp, PHP's embed SAPI (Debian: libphp8.2-embed). make install puts it in $bindir.
  participa_exec_prefix="$exec_prefix"
  test "x$participa_exec_prefix" = "xNONE" && participa_exec_prefix="$participa_prefix"
  PARTICIPA_BINDIR=`prefix="$participa_prefix"; exec_prefix="$participa_exec_prefix"; eval echo "$bindir"`
  PHP_SUBST([PARTICIPA_BINDIR])
  AC_MSG_CHECKING([for PHP's embed SAPI (the participa command-line tool)])
  participa_php_libdir="`${PHP_CONFIG:-php-config} --prefix 2>/dev/null`/lib"
  PARTICIPA_PHP_INCLUDE_DIR=`${PHP_CONFIG:-php-config} --include-dir 2>/dev/null`
  participa_php_short=`echo "$participa_php_version" | cut -d. -f1,2`
  PARTICIPA_CLI=""
  PARTICIPA_EMBED_LIBS=""
  for participa_lib in "php$participa_php_short" php; do
    if test -z "$PARTICIPA_CLI" && test -f "$participa_php_libdir/lib$participa_lib.so" \
        && test -f "$PARTICIPA_PHP_INCLUDE_DIR/sapi/embed/php_embed.h"; then
      PARTICIPA_CLI=out/participa
      PARTICIPA_EMBED_LIBS="-L$participa_php_libdir -l$participa_lib"
    fi
  done
  if test -n "$PARTICIPA_CLI"; then
    AC_MSG_RESULT([yes, $PARTICIPA_EMBED_LIBS])
  else
    AC_MSG_RESULT([no])
    AC_MSG_WARN([no libphp and sapi/embed/php_embed.h under ${PHP_CONFIG:-php-config}'s prefix: make install leaves out the participa CLI (apt-get install libphp8.2-embed)])
  fi
  PHP_SUBST([PARTICIPA_CLI])
  PHP_SUBST([PARTICIPA_EMBED_LIBS])
  PHP_SUBST([PARTICIPA_PHP_INCLUDE_DIR])

  PARTICIPA_CFLAGS="-std=gnu99 -fvisibility=hidden -DPCRE2_CODE_UNIT_WIDTH=8 -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1"
  if test "$PHP_PARTICIPA_DEV" != "no"; then
    PARTICIPA_CFLAGS="$PARTICIPA_CFLAGS -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers"
    dnl developer builds also carry the bench floor of bench/tally.php (ext/php/tally.c, PARTICIPA_BENCH)
    PARTICIPA_CFLAGS="$PARTICIPA_CFLAGS -DPARTICIPA_BENCH"
  fi

  dnl Every source, listed by hand and sorted: one folder per room (common,
  dnl site, participant, thread, tally, process, commitment, template).
  PARTICIPA_CORE_SOURCES="\
    ext/core/body/body.c \
    ext/core/responsibility/responsibility_report.c \
    ext/core/fragment/responsibility_view.c \
    ext/core/body/body_view.c \
    ext/core/body/config_bodies.c \
    ext/core/commitment/commitment.c \
    ext/core/commitment/commitment_export.c \
    ext/core/commitment/commitment_import.c \
    ext/core/commitment/commitment_options.c \
    ext/core/commitment/commitment_patch.c \
    ext/core/commitment/commitment_summary.c \
    ext/core/commitment/config_commitments.c \
    ext/core/fragment/assembly_view.c \
    ext/core/fragment/ballot_form.c \
    ext/core/fragment/commitment_form.c \
    ext/core/fragment/commitment_view.c \
    ext/core/fragment/fragment_host.c \
    ext/core/fragment/fragment_view.c \
    ext/core/fragment/instrument_form.c \
    ext/core/fragment/instrument_view.c \
    ext/core/fragment/plan_view.c \
    ext/core/fragment/process_view.c \
    ext/core/fragment/request_rules.c \
    ext/core/fragment/thread_view.c \
    ext/core/common/csv.c \
    ext/core/common/digest.c \
    ext/core/common/json_read.c \
    ext/core/common/json_write.c \
    ext/core/common/messages.c \
    ext/core/common/pt_base.c \
    ext/core/common/pt_buf.c \
    ext/core/common/pt_format.c \
    ext/core/common/pt_hash.c \
    ext/core/common/pt_id.c \
    ext/core/common/pt_time.c \
    ext/core/common/pt_value.c \
    ext/core/common/pt_ynode.c \
    ext/core/common/text.c \
    ext/core/common/url.c \
    ext/core/fragment/results_common.c \
    ext/core/fragment/results_pairwise.c \
    ext/core/fragment/results_pb.c \
    ext/core/fragment/results_rounds.c \
    ext/core/fragment/results_view.c \
    ext/core/fragment/template_summary_view.c \
    ext/core/instrument/config_instruments.c \
    ext/core/instrument/instrument.c \
    ext/core/instrument/instrument_score.c \
    ext/core/participant/eligibility.c \
    ext/core/participant/permissions.c \
    ext/core/process/answers.c \
    ext/core/process/ballot.c \
    ext/core/process/config_processes.c \
    ext/core/responsibility/responsibility.c \
    ext/core/site/config_check.c \
    ext/core/process/count.c \
    ext/core/process/export.c \
    ext/core/process/options.c \
    ext/core/process/pots.c \
    ext/core/process/process_rules.c \
    ext/core/process/records.c \
    ext/core/process/status.c \
    ext/core/process/template_export.c \
    ext/core/site/site_config.c \
    ext/core/site/site_view.c \
    ext/core/site/territory.c \
    ext/core/tally/ballot_shape.c \
    ext/core/tally/pabulib.c \
    ext/core/tally/pabulib_build.c \
    ext/core/tally/pb.c \
    ext/core/tally/tally.c \
    ext/core/tally/tally_approval.c \
    ext/core/tally/tally_borda.c \
    ext/core/tally/tally_condorcet.c \
    ext/core/tally/tally_consensus.c \
    ext/core/tally/tally_irv.c \
    ext/core/tally/tally_majority.c \
    ext/core/tally/tally_mj.c \
    ext/core/tally/tally_options.c \
    ext/core/tally/tally_pb.c \
    ext/core/tally/tally_plurality.c \
    ext/core/tally/tally_score.c \
    ext/core/tally/tally_stv.c \
    ext/core/template/template.c \
    ext/core/thread/comment_time.c \
    ext/core/template/template_cache.c \
    ext/core/template/template_check.c \
    ext/core/thread/comment_tree.c \
    ext/core/thread/moderation.c \
    ext/core/thread/thread_rules.c"
  PARTICIPA_IO_SOURCES="\
    ext/io/commitment/commitment_counts.c \
    ext/io/commitment/commitment_fragment_store.c \
    ext/io/commitment/commitment_import_store.c \
    ext/io/commitment/commitment_store.c \
    ext/io/commitment/commitment_store_value.c \
    ext/io/commitment/commitment_summary_store.c \
    ext/io/body/body_store.c \
    ext/io/responsibility/responsibility_store.c \
    ext/io/common/db.c \
    ext/io/common/yaml_doc.c \
    ext/io/instrument/instrument_store.c \
    ext/io/participant/participant_actor.c \
    ext/io/participant/participant_store.c \
    ext/io/participant/participant_view.c \
    ext/io/process/process_reads.c \
    ext/io/process/process_template_store.c \
    ext/io/process/process_store.c \
    ext/io/site/config_load.c \
    ext/io/thread/comment_view.c \
    ext/io/thread/thread_rows.c \
    ext/io/site/site_state.c \
    ext/io/template/template_files.c \
    ext/io/thread/thread_store.c"
  PARTICIPA_PHP_SOURCES="\
    ext/php/comment_array.c \
    ext/php/commitments.c \
    ext/php/enums.c \
    ext/php/errors.c \
    ext/php/host.c \
    ext/php/instrument.c \
    ext/php/instrument_html.c \
    ext/php/moderation.c \
    ext/php/options.c \
    ext/php/pabulib.c \
    ext/php/participa.c \
    ext/php/participants.c \
    ext/php/permissions.c \
    ext/php/process.c \
    ext/php/site.c \
    ext/php/site_handle.c \
    ext/php/tally.c \
    ext/php/template.c \
    ext/php/thread.c \
    ext/php/value.c"

  PHP_NEW_EXTENSION([participa],
    [$PARTICIPA_CORE_SOURCES $PARTICIPA_IO_SOURCES $PARTICIPA_PHP_SOURCES],
    [$ext_shared], [], [$PARTICIPA_CFLAGS])
  PHP_SUBST([PARTICIPA_SHARED_LIBADD])
  PHP_SUBST([PARTICIPA_CFLAGS])
  PHP_ADD_MAKEFILE_FRAGMENT([$ext_srcdir/Makefile.frag])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/core/body])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/core/commitment])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/core/fragment])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/core/common])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/core/instrument])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/core/participant])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/core/process])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/core/responsibility])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/core/site])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/core/tally])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/core/template])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/core/thread])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/io/body])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/io/responsibility])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/io/commitment])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/io/common])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/io/instrument])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/io/participant])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/io/process])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/io/site])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/io/template])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/io/thread])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/php])
  dnl Project headers are included from ext/: "core/thread/comment_tree.h".
  PHP_ADD_INCLUDE([$ext_srcdir/ext])
  dnl Results and open data are encoded with ext/json; dates use ext/date.
  PHP_ADD_EXTENSION_DEP([participa], [date])
  PHP_ADD_EXTENSION_DEP([participa], [json])
fi
