/* main.c: placeholder until the proxy lands. */
#include <stdio.h>

int main(void)
{
	fprintf(stderr, "mptcp-proxy: not implemented yet\n");
	return 2;
}
