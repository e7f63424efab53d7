// Imitates a C directory-service client library (in the shape of OpenLDAP's):
// synchronous operations return a result code, and the code is turned into
// a message. Opaque connection handle.
#pragma once

typedef struct ldap LDAP;

#ifdef __cplusplus
extern "C" {
#endif
int ldap_add_ext_s(LDAP* ld, const char* dn, char** attrs, void* sctrls,
                   void* cctrls);
int ldap_modify_ext_s(LDAP* ld, const char* dn, char** mods, void* sctrls,
                      void* cctrls);
const char* ldap_err2string(int code);
const char* mime_charset_best(const char* text, unsigned long len);
#ifdef __cplusplus
}
#endif
