// Until the window is part of the build, the GUI subcommands show their help.
#include "cli/gui_bridge.hpp"

#include <iostream>

namespace poollab::cli {

int open_window(const std::filesystem::path&, const RunArgs&, const Prepared*, const std::string& help) {
  std::cout << help << "\nThe window is not available in this build; the other subcommands are.\n";
  return 0;
}

int open_screenshot(const std::filesystem::path&, const RunArgs&, const Prepared&, int, const std::string&,
                    const std::string& help) {
  std::cerr << help << "\nThe window is not available in this build, so no screenshot can be taken.\n";
  return 1;
}

}  // namespace poollab::cli
