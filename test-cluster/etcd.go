package main

import (
	"fmt"
	"io"
	"net"
	"net/url"
	"time"

	"go.etcd.io/etcd/server/v3/embed"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// startEtcd runs a single-member etcd in this process. Client and peer URLs
// are plain HTTP on 127.0.0.1 free ports: nothing leaves the loopback device.
//
// The returned stop function closes etcd without the error logs that etcd
// writes about its own listeners closing.
func startEtcd(dir string, verbose bool, logOut io.Writer) (*embed.Etcd, string, func(), error) {
	clientPort, err := freePort()
	if err != nil {
		return nil, "", nil, err
	}
	peerPort, err := freePort()
	if err != nil {
		return nil, "", nil, err
	}
	clientURL := url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", clientPort)}
	peerURL := url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", peerPort)}

	cfg := embed.NewConfig()
	cfg.Name = "rbac-explorer-test"
	cfg.Dir = dir
	cfg.ListenClientUrls = []url.URL{clientURL}
	cfg.AdvertiseClientUrls = []url.URL{clientURL}
	cfg.ListenPeerUrls = []url.URL{peerURL}
	cfg.AdvertisePeerUrls = []url.URL{peerURL}
	cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
	cfg.InitialClusterToken = "rbac-explorer-test"
	// Throwaway test data: skipping fsync makes bootstrap several times
	// faster. A killed process loses nothing (the page cache survives it);
	// only a crash of the whole machine could.
	cfg.UnsafeNoFsync = true
	cfg.EnableGRPCGateway = false
	level := zap.NewAtomicLevelAt(zapcore.ErrorLevel)
	if verbose {
		level.SetLevel(zapcore.InfoLevel)
	}
	opts := []zap.Option{zap.ErrorOutput(zapcore.AddSync(logOut))}
	if verbose {
		opts = append(opts, zap.AddStacktrace(zapcore.ErrorLevel))
	}
	logger := zap.New(zapcore.NewCore(
		zapcore.NewJSONEncoder(zap.NewProductionEncoderConfig()),
		zapcore.Lock(zapcore.AddSync(logOut)),
		level,
	), opts...)
	cfg.ZapLoggerBuilder = embed.NewZapLoggerBuilder(logger)

	e, err := embed.StartEtcd(cfg)
	if err != nil {
		return nil, "", nil, fmt.Errorf("starting etcd: %w", err)
	}
	select {
	case <-e.Server.ReadyNotify():
	case err := <-e.Err():
		e.Close()
		return nil, "", nil, fmt.Errorf("etcd failed: %w", err)
	case <-time.After(60 * time.Second):
		e.Server.Stop()
		e.Close()
		return nil, "", nil, fmt.Errorf("etcd did not become ready within 60s")
	}
	stop := func() {
		if !verbose {
			level.SetLevel(zapcore.FatalLevel)
		}
		e.Close()
	}
	return e, clientURL.String(), stop, nil
}

// freePort asks the kernel for a free port on 127.0.0.1. There is a small
// window in which another process could take it; for etcd this is accepted.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
