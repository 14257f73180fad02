#pragma once
// Strict number parsing: the whole text must be a number, otherwise an
// InputError naming `where` (an option, a file:line, a key).
#include <string>
#include <vector>

namespace fognas {

std::string trim(const std::string& s);
double parse_double(const std::string& text, const std::string& where);
long parse_long(const std::string& text, const std::string& where);
// "2048,128,8" (commas or spaces) -> {2048, 128, 8}
std::vector<int> parse_int_list(const std::string& text, const std::string& where);

}  // namespace fognas
