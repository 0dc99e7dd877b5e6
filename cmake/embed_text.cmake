# Writes a C++ source defining `extern const char* const SYMBOL` (in namespace NAMESPACE) as the text of IN.
# Usage: cmake -DIN=file -DOUT=file.cpp -DSYMBOL=name -DNAMESPACE=ns -P embed_text.cmake
file(READ "${IN}" text)
string(FIND "${text}" ")toksim_embed\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw-string delimiter )toksim_embed\"")
endif()
file(WRITE "${OUT}.tmp"
  "// Generated from ${IN} by cmake/embed_text.cmake; do not edit.\n"
  "namespace ${NAMESPACE} {\n"
  "extern const char* const ${SYMBOL};\n"
  "const char* const ${SYMBOL} = R\"toksim_embed(${text})toksim_embed\";\n"
  "}  // namespace ${NAMESPACE}\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
