# cmake -DIN=file -DOUT=file.cc -DSYMBOL=name -P embed.cmake
# Writes a C++ source defining `std::string_view akhbar::data::SYMBOL()` that
# returns the bytes of IN, so data files ship inside the binary.
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" len)
math(EXPR nbytes "${len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," body "${hex}")
string(REGEX REPLACE "(([^,]*,){32})" "\\1\n" body "${body}")
file(WRITE "${OUT}" "// Generated from ${IN} by cmake/embed.cmake. Do not edit.\n#include <string_view>\nnamespace akhbar::data {\nstatic const char k${SYMBOL}[${nbytes} + 1] = {\n${body}0};\nstd::string_view ${SYMBOL}() { return std::string_view(k${SYMBOL}, ${nbytes}); }\n}  // namespace akhbar::data\n")
