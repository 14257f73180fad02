#pragma once
// A folder's files as one byte string and back: how an MPI rank on another
// machine hands a finished sweep point to rank 0.
#include <string>

namespace fognas::study {

// Every regular file under `folder` (relative names), in name order.
std::string pack_folder(const std::string& folder);
// Writes the packed files under `folder` (created); names must stay inside it.
void unpack_folder(const std::string& bytes, const std::string& folder);

}  // namespace fognas::study
