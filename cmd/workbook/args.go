package main

import "strings"

// isHelp reports whether a is one of the ways to ask a command for help.
func isHelp(a string) bool { return a == "-h" || a == "-help" || a == "--help" }

// valueFlag takes the flag name with its value (--name VALUE, -name VALUE
// or --name=VALUE) out of args, for the commands whose other arguments are
// words (a chapter's title) rather than flags; the last one given wins.
func valueFlag(args []string, name string) (rest []string, value string) {
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case (a == "--"+name || a == "-"+name) && i+1 < len(args):
			value = args[i+1]
			i++
		case strings.HasPrefix(a, "--"+name+"="):
			value = strings.TrimPrefix(a, "--"+name+"=")
		default:
			rest = append(rest, a)
		}
	}
	return rest, value
}
