# cd to this folder, then: gnuplot factor-sweep.gp
set terminal svg size 960,520 dynamic font 'Helvetica,12'
set output 'factor-sweep.svg'
set style data histograms
set style histogram rowstacked
set style fill solid 0.85 border -1
set boxwidth 0.75
set grid ytics
set key outside right top
set xtics rotate by -30 nomirror
set datafile separator '\t'
set title 'Energy per inference across fog efficiency factors' noenhanced
set ylabel 'energy per inference (mJ)'
set yrange [0:*]
set xrange [-0.6:11.6]
plot 'factor-sweep.dat' using 2:xtic(1) title 'edge compute' noenhanced, \
     '' using 3 title 'edge radio' noenhanced, \
     '' using 4 title 'fog' noenhanced
