// The CLI's door to the window: `poollab`, `poollab gui <lesson>` and `poollab screenshot`.
#pragma once

#include <filesystem>
#include <string>

#include "cli/cli.hpp"

namespace poollab::cli {

// `lesson` is null for the first lesson. `help` is shown when this build has no window.
int open_window(const std::filesystem::path& assets, const RunArgs& args, const Prepared* lesson, const std::string& help);
int open_screenshot(const std::filesystem::path& assets, const RunArgs& args, const Prepared& lesson, int steps,
                    const std::string& out_file, const std::string& help);

}  // namespace poollab::cli
