from pkg import c
