package cache

import (
	"bytes"
	"encoding/gob"
	"errors"
	"sync"
)

var (
	errBroken   = errors.New("cache: a codec failed to encode a value before")
	errTrailing = errors.New("cache: bytes after a record")
)

// Codec writes values of one type with encoding/gob for the build cache
// without describing the type in every record. A gob stream describes each
// type once, before its first value; a fresh encoder per record repeats the
// description, and a fresh decoder compiles it again, for every chapter.
// A Codec instead keeps one encoder whose description it sent once (its
// Version) and decoders that have read that description, and a record is
// a value alone.
//
// Gob numbers types in the order a process meets them, so a record is
// only read back by a Codec with the same Version: put it in the key.
type Codec[T any] struct {
	version []byte

	mu  sync.Mutex
	enc *gob.Encoder
	out bytes.Buffer

	decs sync.Pool // *codecDecoder
}

type codecDecoder struct {
	in  bytes.Reader // gob reads a bytes.Reader message by message, no further
	dec *gob.Decoder
}

// NewCodec returns a Codec for values of type T.
func NewCodec[T any]() *Codec[T] {
	c := &Codec[T]{}
	c.enc = gob.NewEncoder(&c.out)
	var zero T
	if err := c.enc.Encode(&zero); err != nil {
		panic("cache: a codec for a type gob cannot encode: " + err.Error())
	}
	c.version = bytes.Clone(c.out.Bytes())
	return c
}

// Version is the type description records refer to.
func (c *Codec[T]) Version() []byte { return c.version }

// Marshal returns v as a record.
func (c *Codec[T]) Marshal(v *T) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.enc == nil {
		return nil, errBroken
	}
	c.out.Reset()
	if err := c.enc.Encode(v); err != nil {
		c.enc = nil // the stream may be cut
		return nil, err
	}
	return bytes.Clone(c.out.Bytes()), nil
}

// Unmarshal reads a record Marshal made into v (a zero value).
func (c *Codec[T]) Unmarshal(b []byte, v *T) error {
	d, _ := c.decs.Get().(*codecDecoder)
	if d == nil {
		d = &codecDecoder{}
		d.dec = gob.NewDecoder(&d.in)
		d.in.Reset(c.version)
		var zero T
		if err := d.dec.Decode(&zero); err != nil {
			return err
		}
	}
	d.in.Reset(b)
	if err := d.dec.Decode(v); err != nil {
		return err // the decoder is not reused: its stream may be cut
	}
	if d.in.Len() != 0 {
		return errTrailing
	}
	c.decs.Put(d)
	return nil
}
