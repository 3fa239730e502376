// poollab: the window, or a subcommand of the command-line interface.
int main() { return 0; }
