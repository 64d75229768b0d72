#!/usr/bin/perl
# labnet.pl - the plain (non-TLS, non-TURN) endpoints of the edgeaudit network lab.
#
# The lab needs a DNS server and a CRL (HTTP) server on the Internet side, an Edge node that answers
# on ports the firewall model does not allow, and the clients for all of these, each bound to an
# exact source address. perl-base (Essential: yes on Debian) ships IO::Socket::INET, so these need
# no extra package. Every server serves until killed; every client does one exchange and exits,
# and lab.sh bounds it with timeout(1) as well.
#
# Usage:
#   labnet.pl dns-server ADDR                 UDP and TCP 53 on ADDR, answers A queries (RFC 1035)
#   labnet.pl http-server ADDR PORT           answers every GET with a small "CRL" body
#   labnet.pl banner-server ADDR PORT TEXT    sends TEXT on accept, reads one line, closes
#   labnet.pl dns-query udp|tcp SRC DST NAME  one A query from SRC to DST:53; prints the answer
#   labnet.pl http-get SRC DST PORT PATH      one GET from SRC; prints the status line
#   labnet.pl tcp-probe SRC DST PORT          connect from SRC, read the banner, send a line, close
use strict;
use warnings;
use IO::Socket::INET;
use IO::Select;

$| = 1;
my $READ_TIMEOUT = 3;    # seconds a client or a server connection waits for the other side

my $mode = shift @ARGV // usage();
if    ($mode eq 'dns-server')    { dns_server(@ARGV) }
elsif ($mode eq 'http-server')   { http_server(@ARGV) }
elsif ($mode eq 'banner-server') { banner_server(@ARGV) }
elsif ($mode eq 'dns-query')     { dns_query(@ARGV) }
elsif ($mode eq 'http-get')      { http_get(@ARGV) }
elsif ($mode eq 'tcp-probe')     { tcp_probe(@ARGV) }
else                             { usage() }
exit 0;

sub usage { die "usage: labnet.pl dns-server|http-server|banner-server|dns-query|http-get|tcp-probe ARGS (see header)\n" }

sub stamp { my @t = gmtime; sprintf('%02d:%02d:%02d', @t[2, 1, 0]) }

# --- DNS (RFC 1035 4.1): header 12 bytes, one question, one A answer with a name pointer -------------

sub dns_query_packet {
    my ($id, $name) = @_;
    my $qname = join('', map { chr(length $_) . $_ } split /\./, $name) . "\0";
    # id, flags RD, QDCOUNT 1, AN/NS/AR 0; QTYPE A, QCLASS IN
    return pack('n n n n n n', $id, 0x0100, 1, 0, 0, 0) . $qname . pack('n n', 1, 1);
}

# Answer a query with one A record 203.0.113.80 (the "CRL server"), or FORMERR if it is not one.
sub dns_answer {
    my ($q) = @_;
    return undef if length($q) < 12;
    my ($id, $flags, $qd) = unpack('n n n', $q);
    return undef if $flags & 0x8000;    # a response, not a query
    # The question ends at the root label; 512 is the RFC 1035 UDP message limit.
    my $end = index($q, "\0", 12);
    if ($qd != 1 || $end < 0 || $end + 5 > length($q) || $end > 512) {
        return pack('n n n n n n', $id, 0x8001, 0, 0, 0, 0);
    }
    my $question = substr($q, 12, $end + 5 - 12);
    my $answer = pack('n n n N n C4', 0xC00C, 1, 1, 60, 4, 203, 0, 113, 80);
    return pack('n n n n n n', $id, 0x8180, 1, 1, 0, 0) . $question . $answer;
}

sub dns_server {
    my ($addr) = @_;
    $addr // usage();
    my $udp = IO::Socket::INET->new(LocalAddr => $addr, LocalPort => 53, Proto => 'udp', ReuseAddr => 1)
        or die "dns-server: cannot bind udp $addr:53 (expected: a free local address): $!\n";
    my $tcp = IO::Socket::INET->new(LocalAddr => $addr, LocalPort => 53, Proto => 'tcp', Listen => 8,
        ReuseAddr => 1) or die "dns-server: cannot bind tcp $addr:53 (expected: a free local address): $!\n";
    print stamp(), " dns-server listening on $addr:53 udp+tcp\n";
    my $sel = IO::Select->new($udp, $tcp);
    while (1) {
        for my $s ($sel->can_read) {
            if ($s == $udp) {
                my $peer = $udp->recv(my $q, 1500) or next;
                my ($port, $ip) = sockaddr_in($peer);
                my $a = dns_answer($q) // next;
                $udp->send($a, 0, $peer);
                print stamp(), " dns-server udp query from ", inet_ntoa($ip), ":$port answered\n";
            } else {
                my $c = $tcp->accept or next;
                my $q = read_exact($c, 2);
                if (defined $q) {
                    my $len = unpack('n', $q);
                    my $msg = $len <= 512 ? read_exact($c, $len) : undef;
                    my $a = defined $msg ? dns_answer($msg) : undef;
                    if (defined $a) {
                        print $c pack('n', length $a) . $a;
                        print stamp(), " dns-server tcp query from ", $c->peerhost, ":", $c->peerport, " answered\n";
                    }
                }
                close $c;
            }
        }
    }
}

sub read_exact {
    my ($sock, $n) = @_;
    my $buf = '';
    my $sel = IO::Select->new($sock);
    while (length($buf) < $n) {
        return undef unless $sel->can_read($READ_TIMEOUT);
        my $got = sysread($sock, $buf, $n - length($buf), length($buf));
        return undef unless $got;
    }
    return $buf;
}

sub dns_query {
    my ($proto, $src, $dst, $name) = @_;
    defined $name or usage();
    my $id = int(rand(65536));
    my $q = dns_query_packet($id, $name);
    my $a;
    if ($proto eq 'udp') {
        my $s = IO::Socket::INET->new(LocalAddr => $src, PeerAddr => $dst, PeerPort => 53, Proto => 'udp')
            or die "dns-query: cannot open udp from $src to $dst:53: $!\n";
        $s->send($q);
        die "dns-query: no udp answer from $dst:53 within ${READ_TIMEOUT}s\n"
            unless IO::Select->new($s)->can_read($READ_TIMEOUT);
        $s->recv($a, 1500);
    } elsif ($proto eq 'tcp') {
        my $s = IO::Socket::INET->new(LocalAddr => $src, PeerAddr => $dst, PeerPort => 53, Proto => 'tcp',
            Timeout => $READ_TIMEOUT) or die "dns-query: cannot connect from $src to $dst:53/tcp: $!\n";
        print $s pack('n', length $q) . $q;
        my $len = read_exact($s, 2) // die "dns-query: no tcp answer from $dst:53\n";
        $a = read_exact($s, unpack('n', $len)) // die "dns-query: short tcp answer from $dst:53\n";
        close $s;
    } else {
        usage();
    }
    my ($rid, $flags, $qd, $an) = unpack('n n n n', $a);
    die "dns-query: answer id $rid does not match query id $id\n" if $rid != $id;
    my $ip = $an >= 1 ? join('.', unpack('C4', substr($a, -4))) : '-';
    printf "%s dns-query %s %s -> %s:53 %s: rcode %d, %d answer(s), A %s\n", stamp(), $proto, $src, $dst,
        $name, $flags & 0xF, $an, $ip;
}

# --- HTTP (a CRL fetch) --------------------------------------------------------------------------------

sub http_server {
    my ($addr, $port) = @_;
    defined $port or usage();
    my $l = IO::Socket::INET->new(LocalAddr => $addr, LocalPort => $port, Proto => 'tcp', Listen => 8,
        ReuseAddr => 1) or die "http-server: cannot bind $addr:$port (expected: a free local address): $!\n";
    print stamp(), " http-server listening on $addr:$port\n";
    while (my $c = $l->accept) {
        my $req = read_header($c);
        my ($line) = split /\r?\n/, $req // '';
        my $body = "edgeaudit lab CRL placeholder\n";
        print $c "HTTP/1.1 200 OK\r\nContent-Type: application/pkix-crl\r\nContent-Length: " . length($body)
            . "\r\nConnection: close\r\n\r\n$body";
        print stamp(), " http-server ", $c->peerhost, ":", $c->peerport, " \"", ($line // ''), "\" 200\n";
        close $c;
    }
}

sub read_header {
    my ($c) = @_;
    my $buf = '';
    my $sel = IO::Select->new($c);
    # 8 KiB bounds what a client can make us hold.
    while (index($buf, "\r\n\r\n") < 0 && length($buf) < 8192) {
        last unless $sel->can_read($READ_TIMEOUT);
        my $got = sysread($c, $buf, 8192 - length($buf), length($buf));
        last unless $got;
    }
    return $buf;
}

sub http_get {
    my ($src, $dst, $port, $path) = @_;
    defined $path or usage();
    my $s = IO::Socket::INET->new(LocalAddr => $src, PeerAddr => $dst, PeerPort => $port, Proto => 'tcp',
        Timeout => $READ_TIMEOUT) or die "http-get: cannot connect from $src to $dst:$port: $!\n";
    print $s "GET $path HTTP/1.1\r\nHost: $dst\r\nUser-Agent: edgeaudit-lab\r\nConnection: close\r\n\r\n";
    my $resp = read_header($s);
    close $s;
    my ($status) = split /\r?\n/, $resp;
    die "http-get: no response from $dst:$port\n" unless defined $status && length $status;
    print stamp(), " http-get $src -> $dst:$port $path: $status\n";
}

# --- a service the firewall model does not allow ------------------------------------------------------

sub banner_server {
    my ($addr, $port, $text) = @_;
    defined $text or usage();
    my $l = IO::Socket::INET->new(LocalAddr => $addr, LocalPort => $port, Proto => 'tcp', Listen => 8,
        ReuseAddr => 1) or die "banner-server: cannot bind $addr:$port (expected: a free local address): $!\n";
    print stamp(), " banner-server listening on $addr:$port\n";
    while (my $c = $l->accept) {
        print $c "$text\r\n";
        my $line = read_header($c);
        print stamp(), " banner-server $addr:$port served ", $c->peerhost, ":", $c->peerport, "\n";
        close $c;
    }
}

sub tcp_probe {
    my ($src, $dst, $port) = @_;
    defined $port or usage();
    my $s = IO::Socket::INET->new(LocalAddr => $src, PeerAddr => $dst, PeerPort => $port, Proto => 'tcp',
        Timeout => $READ_TIMEOUT) or die "tcp-probe: cannot connect from $src to $dst:$port: $!\n";
    my $banner = '';
    if (IO::Select->new($s)->can_read($READ_TIMEOUT)) {
        sysread($s, $banner, 512);
    }
    print $s "edgeaudit lab probe\r\n\r\n";
    close $s;
    $banner =~ s/\s+$//;
    print stamp(), " tcp-probe $src -> $dst:$port: banner \"$banner\"\n";
}
