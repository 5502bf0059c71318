package serve

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"testing"
	"time"
)

// An idle keep-alive connection is closed by the server after idleTimeout,
// so a page or a script that opens many cannot keep them all.
func TestIdleConnectionIsClosed(t *testing.T) {
	t.Parallel()
	p := startPreview(t, 1)
	conn, err := net.Dial("tcp", p.srv.ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	start := time.Now()
	conn.SetReadDeadline(start.Add(idleTimeout + 3*time.Second))
	_, err = r.ReadByte()
	if errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("an idle connection is still open after %s, want it closed after %s", time.Since(start).Round(time.Second), idleTimeout)
	}
	if err != io.EOF {
		t.Fatalf("reading an idle connection: got %v, want io.EOF", err)
	}
}

// The live-reload stream is exempt from the write timeout: a tab left open
// longer than writeTimeout still reloads on the next save.
func TestEventStreamOutlivesWriteTimeout(t *testing.T) {
	t.Parallel()
	p := startPreview(t, 2)
	ev := p.listen()
	ev.next(t, 10*time.Second) // the greeting: the book has built
	time.Sleep(writeTimeout + time.Second)
	p.write("content/"+chapterFile(1), chapterText(1, 2, "Written after a long pause."))
	ev.expect(t, "reload")
}
