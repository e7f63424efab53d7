// RUN-ARGS: -isystem %S/../system
// Storing a password in the desktop keyring hands it to a store outside the
// program: the error that the store call may write names the keyring's
// failure, not the secret, so logging it logs no password. A lookup whose
// error does quote its input (a resolver naming the domain) keeps the
// default rule.
#include "purpose.h"

#include <fakegtk.h>

namespace secret_store {

struct Account {
  PURPOSE_LIMITED("security.authentication") const gchar* password;
  SECURITY_CONTACT const gchar* email_domain;
  const gchar* user;
};

PURPOSE_USE("diagnostics") void DebugLog(const gchar* line);

const SecretSchema kSchema = {"org.example.Password", 0};

void SavePassword(const Account& a) {
  GError* err = nullptr;
  secret_password_store_sync(&kSchema, nullptr, "Mail password", a.password,
                             nullptr, &err, "user", a.user, nullptr);
  if (err != nullptr) {
    DebugLog(err->message);  // the keyring's failure, not the password
    g_error_free(err);
  }
}

void CheckDomain(const Account& a) {
  GError* err = nullptr;
  gchar* answer = nullptr;
  if (!g_resolver_lookup_sync(a.email_domain, &answer, &err))
    DebugLog(err->message);  // expect-violation: secret_store::Account::email_domain
}

}  // namespace secret_store
