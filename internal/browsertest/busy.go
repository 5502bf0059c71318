package browsertest

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Busy is how many times over the machine's cores are asked for: the
// one-minute load average per core (Linux only), never less than 1. A
// test that bounds how long the browser takes multiplies its bound by it,
// so a bound meant for an idle machine holds on a shared one.
func Busy() float64 {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return 1
	}
	load, _ := strconv.ParseFloat(strings.SplitN(string(data), " ", 2)[0], 64)
	return max(1, load/float64(runtime.NumCPU()))
}

// Scaled is d, a bound on how long something takes on an idle machine,
// multiplied by Busy.
func Scaled(d time.Duration) time.Duration {
	return time.Duration(Busy() * float64(d))
}
