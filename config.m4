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

  PARTICIPA_CFLAGS="-std=gnu99 -fvisibility=hidden -DPCRE2_CODE_UNIT_WIDTH=8 -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1"
  if test "$PHP_PARTICIPA_DEV" != "no"; then
    PARTICIPA_CFLAGS="$PARTICIPA_CFLAGS -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers"
  fi

  dnl Every source, listed by hand and sorted.
  PARTICIPA_CORE_SOURCES="\
    ext/core/comment_tree.c \
    ext/core/commitment.c \
    ext/core/commitment_import.c \
    ext/core/config.c \
    ext/core/config_commitments.c \
    ext/core/config_processes.c \
    ext/core/csv.c \
    ext/core/digest.c \
    ext/core/messages.c \
    ext/core/moderation.c \
    ext/core/permissions.c \
    ext/core/pt_base.c \
    ext/core/pt_hash.c \
    ext/core/pt_id.c \
    ext/core/pt_ynode.c \
    ext/core/template.c \
    ext/core/territory.c \
    ext/core/text.c \
    ext/core/url.c"
  dnl tally engine (ext/core/tally*)
  PARTICIPA_TALLY_SOURCES="\
    ext/core/pabulib.c \
    ext/core/pb.c \
    ext/core/pt_value.c \
    ext/core/tally.c \
    ext/core/tally_approval.c \
    ext/core/tally_borda.c \
    ext/core/tally_condorcet.c \
    ext/core/tally_consensus.c \
    ext/core/tally_irv.c \
    ext/core/tally_majority.c \
    ext/core/tally_mj.c \
    ext/core/tally_pb.c \
    ext/core/tally_plurality.c \
    ext/core/tally_score.c \
    ext/core/tally_stv.c"
  PARTICIPA_IO_SOURCES="\
    ext/io/commitment_store.c \
    ext/io/config_load.c \
    ext/io/db.c \
    ext/io/participant_store.c \
    ext/io/process_store.c \
    ext/io/thread_store.c \
    ext/io/yaml_doc.c"
  PARTICIPA_PHP_SOURCES="\
    ext/php/comment_array.c \
    ext/php/commitments.c \
    ext/php/errors.c \
    ext/php/moderation.c \
    ext/php/participa.c \
    ext/php/participants.c \
    ext/php/permissions.c \
    ext/php/process.c \
    ext/php/site.c \
    ext/php/site_handle.c \
    ext/php/template.c \
    ext/php/thread.c"
  dnl Tally binding (ext/php/tally*)
  PARTICIPA_PHP_TALLY_SOURCES="\
    ext/php/pabulib.c \
    ext/php/tally.c"

  PHP_NEW_EXTENSION([participa],
    [$PARTICIPA_CORE_SOURCES $PARTICIPA_TALLY_SOURCES $PARTICIPA_IO_SOURCES $PARTICIPA_PHP_SOURCES $PARTICIPA_PHP_TALLY_SOURCES],
    [$ext_shared], [], [$PARTICIPA_CFLAGS])
  PHP_SUBST([PARTICIPA_SHARED_LIBADD])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/core])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/io])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/php])
  PHP_ADD_EXTENSION_DEP([participa], [date])
fi
