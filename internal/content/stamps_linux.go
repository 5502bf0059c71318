package content

import (
	"io/fs"
	"syscall"
)

// fileStamp returns what the file system says of a file that changes when
// its bytes do; ok is false where the system does not say enough.
func fileStamp(fi fs.FileInfo) (stamp, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || !fi.Mode().IsRegular() {
		return stamp{}, false
	}
	return stamp{
		Size:  fi.Size(),
		MTime: fi.ModTime().UnixNano(),
		CTime: int64(st.Ctim.Sec)*1e9 + int64(st.Ctim.Nsec),
		Ino:   uint64(st.Ino),
	}, true
}
