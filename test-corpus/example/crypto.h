// Hashing and normalisation helpers used to build "privacy-safe" match keys.
//
// A hashed e-mail address is still the e-mail address for matching purposes:
// anyone holding the same address computes the same key. Hashing does not
// lift a purpose limitation.
#ifndef SOCIAL_CRYPTO_H
#define SOCIAL_CRYPTO_H

#include <string>

namespace social {

// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(const std::string& data);

// Trims, lower-cases, and drops dots and "+tag" from the local part of Gmail
// addresses, as ad platforms require before hashing.
std::string NormalizeEmail(const std::string& email);

// Keeps the digits of `phone` and prefixes the calling code of `country`, giving
// E.164 without the '+', e.g. "14155550100".
std::string NormalizePhone(const std::string& phone, const std::string& country);

}  // namespace social

#endif  // SOCIAL_CRYPTO_H
