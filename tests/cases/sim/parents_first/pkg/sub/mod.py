from pkg import other
