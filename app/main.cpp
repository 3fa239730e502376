// poollab: the window, or a subcommand of the command-line interface (see `poollab --help`).
#include "cli/cli.hpp"

int main(int argc, char** argv) { return poollab::cli::main(argc, argv); }
